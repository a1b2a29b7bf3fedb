import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { resolveJwtSecret, roleSchema, signToken } from '@plumbline/auth';
import { loadConfig } from '@plumbline/config';

const usage = `Plumbline command line

  plumbline token --role <role> [--sub <id>] [--expires <duration>]
      Prints a bearer token signed with AUTH_JWT_SECRET (or the data dir's local secret).
      Roles: ${roleSchema.options.join(', ')}. An interviewer's --sub is their interviewerId.

  plumbline replay [--url <platform url>]
      Rebuilds every projection from offset 0 into fresh tables on the running platform
      (default http://127.0.0.1:$PORT), shows progress, and returns once they are live.
`;

async function token(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { role: { type: 'string' }, sub: { type: 'string' }, expires: { type: 'string', default: '12h' } } });
  const role = roleSchema.safeParse(values.role);
  if (!role.success) throw new Error(`--role must be one of ${roleSchema.options.join(', ')}`);
  const config = loadConfig();
  const { secret } = resolveJwtSecret(config.auth.jwtSecret, config.dataDir);
  console.log(await signToken({ sub: values.sub ?? `local-${role.data}`, role: role.data }, secret, values.expires));
}

async function localToken(role: 'admin'): Promise<string> {
  const config = loadConfig();
  const { secret } = resolveJwtSecret(config.auth.jwtSecret, config.dataDir);
  return signToken({ sub: 'plumbline-cli', role }, secret, '1h');
}

async function replay(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { url: { type: 'string' } } });
  const url = values.url ?? `http://127.0.0.1:${loadConfig().port}`;
  const headers = { authorization: `Bearer ${await localToken('admin')}` };
  const started = await fetch(`${url}/v1/admin/replay`, { method: 'POST', headers });
  if (started.status !== 202) throw new Error(`replay refused: ${started.status} ${await started.text()}`);
  const { generation } = (await started.json()) as { generation: number };
  console.log(`Rebuilding projections into generation ${generation}; the current ones keep serving meanwhile.`);
  const bar = new SingleBar({ format: 'replay |{bar}| {value}/{total} events' }, Presets.shades_classic);
  let total = 0;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const status = (await (await fetch(`${url}/v1/status`, { headers })).json()) as { generation: number; replay: { lag: { events: number } } | null };
    if (status.replay) {
      if (total === 0) bar.start((total = Math.max(1, status.replay.lag.events)), 0);
      bar.update(Math.max(0, total - status.replay.lag.events));
    } else if (status.generation === generation) {
      if (total > 0) {
        bar.update(total);
        bar.stop();
      }
      console.log(`Generation ${generation} is live.`);
      return;
    }
  }
}

const commands: Record<string, (args: string[]) => Promise<void>> = { token, replay };

async function main([command, ...args]: string[]): Promise<void> {
  const run = command ? commands[command] : undefined;
  if (!run) {
    process.stderr.write(usage);
    process.exitCode = 2;
    return;
  }
  await run(args);
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
