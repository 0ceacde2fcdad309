/**
 * `npm start` gives each part it starts a token of that run (`MERIDIAN_RUN_TOKEN`), and each part echoes it on
 * `/health`, so the start script knows the server answering on a port is the child it started — not another
 * run's, nor a foreign server's. Unset (production, a part run alone): nothing is echoed.
 */
export const RUN_TOKEN_VARIABLE = 'MERIDIAN_RUN_TOKEN';

/** The `/health` field carrying this process's run token, if it was given one. */
export function runTokenField(env: NodeJS.ProcessEnv = process.env): { run?: string } {
  const token = env[RUN_TOKEN_VARIABLE];
  return token ? { run: token } : {};
}
