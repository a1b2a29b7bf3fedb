import { parseArgs } from 'node:util';
import { resolveJwtSecret, roleSchema, signToken } from '@plumbline/auth';
import { loadConfig } from '@plumbline/config';

const usage = `Plumbline command line

  plumbline token --role <role> [--sub <id>] [--expires <duration>]
      Prints a bearer token signed with AUTH_JWT_SECRET (or the data dir's local secret).
      Roles: ${roleSchema.options.join(', ')}. An interviewer's --sub is their interviewerId.
`;

async function token(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { role: { type: 'string' }, sub: { type: 'string' }, expires: { type: 'string', default: '12h' } } });
  const role = roleSchema.safeParse(values.role);
  if (!role.success) throw new Error(`--role must be one of ${roleSchema.options.join(', ')}`);
  const config = loadConfig();
  const { secret } = resolveJwtSecret(config.auth.jwtSecret, config.dataDir);
  console.log(await signToken({ sub: values.sub ?? `local-${role.data}`, role: role.data }, secret, values.expires));
}

const commands: Record<string, (args: string[]) => Promise<void>> = { token };

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
