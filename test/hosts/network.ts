import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';

/**
 * Test hosts on one machine: a network namespace per host, each with one veth link (`eth0`) into a bridge that
 * lives in a namespace of its own (the LAN). Addresses are in 10.77.0.0/24 and exist only inside these
 * namespaces, which the test creates and deletes; nothing is routed anywhere else.
 */
export const SUBNET_PREFIX = '10.77.0';

/** Why this machine cannot run the multi-host test, or null when it can (root, iproute2, haproxy, netns). */
export function hostsUnsupportedReason(): string | null {
  if (process.platform !== 'linux') return 'network namespaces need Linux';
  if (process.getuid?.() !== 0) return 'creating network namespaces needs root';
  if (spawnSync('ip', ['-V']).status !== 0) return 'iproute2 (`ip`) is not installed: apt-get install -y iproute2';
  if (!existsSync('/usr/sbin/haproxy')) return 'haproxy is not installed: apt-get install -y haproxy';
  const probe = `mhprobe${randomBytes(2).toString('hex')}`;
  const made = spawnSync('ip', ['netns', 'add', probe]);
  if (made.status !== 0) return `this machine cannot make network namespaces (ip netns add: ${String(made.stderr).trim()})`;
  spawnSync('ip', ['netns', 'del', probe]);
  return null;
}

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** One test host: its namespace and address. */
export interface Host {
  readonly name: string;
  readonly namespace: string;
  readonly address: string;
}

/** The LAN and its hosts; `destroy()` ends every process in them and deletes the namespaces. */
export interface Network {
  readonly hosts: ReadonlyMap<string, Host>;
  host(name: string): Host;
  /** Starts `command args` inside a host's namespace (the process is the command itself: `ip netns exec` execs). */
  run(host: string, command: string, args: readonly string[], env?: NodeJS.ProcessEnv): ChildProcess;
  /** Cuts a host off the LAN (`ip link set eth0 down`), or connects it again. */
  setLink(host: string, up: boolean): void;
  /** SIGKILLs every process of a host: the machine dying, not a graceful stop. */
  killHost(host: string): void;
  destroy(): void;
}

/** Process ids running in a namespace. */
function pidsOf(namespace: string): number[] {
  const listed = spawnSync('ip', ['netns', 'pids', namespace], { encoding: 'utf8' });
  return listed.stdout
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((pid) => Number.isInteger(pid) && pid > 0);
}

/** Creates the LAN and one host per `{ name: lastOctet }`. */
export function createNetwork(layout: Record<string, number>): Network {
  const id = randomBytes(2).toString('hex');
  const lan = `mh${id}-lan`;
  const created: string[] = [];
  const hosts = new Map<string, Host>();
  const destroy = () => {
    for (const namespace of created) for (const pid of pidsOf(namespace)) spawnSync('kill', ['-9', String(pid)]);
    for (const namespace of created.reverse()) spawnSync('ip', ['netns', 'del', namespace]);
    created.length = 0;
  };
  try {
    ip('netns', 'add', lan);
    created.push(lan);
    ip('-n', lan, 'link', 'add', 'br0', 'type', 'bridge');
    ip('-n', lan, 'link', 'set', 'br0', 'up');
    Object.entries(layout).forEach(([name, octet], index) => {
      const namespace = `mh${id}-${name}`;
      ip('netns', 'add', namespace);
      created.push(namespace);
      const port = `mh${id}p${index}`;
      ip('link', 'add', 'eth0', 'netns', namespace, 'type', 'veth', 'peer', 'name', port, 'netns', lan);
      ip('-n', lan, 'link', 'set', port, 'master', 'br0');
      ip('-n', lan, 'link', 'set', port, 'up');
      const address = `${SUBNET_PREFIX}.${octet}`;
      ip('-n', namespace, 'addr', 'add', `${address}/24`, 'dev', 'eth0');
      ip('-n', namespace, 'link', 'set', 'eth0', 'up');
      ip('-n', namespace, 'link', 'set', 'lo', 'up');
      hosts.set(name, { name, namespace, address });
    });
  } catch (error) {
    destroy();
    throw error;
  }
  const host = (name: string): Host => {
    const found = hosts.get(name);
    if (!found) throw new Error(`no test host named ${name}`);
    return found;
  };
  return {
    hosts,
    host,
    run(name, command, args, env = process.env) {
      return spawn('ip', ['netns', 'exec', host(name).namespace, command, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    },
    setLink(name, up) {
      ip('-n', host(name).namespace, 'link', 'set', 'eth0', up ? 'up' : 'down');
    },
    killHost(name) {
      for (const pid of pidsOf(host(name).namespace)) spawnSync('kill', ['-9', String(pid)]);
    },
    destroy,
  };
}
