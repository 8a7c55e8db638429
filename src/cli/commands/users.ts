/**
 * `murmur users …`, `murmur tokens …` and `murmur workspaces …`: accounts from the
 * command line, so the first owner can be created before anyone can sign in.
 */
import type { Command } from 'commander';
import { enrol } from '../../accounts/enrol.ts';
import { listMembers, removeMember } from '../../accounts/members.ts';
import { isRole, ROLES, type Role } from '../../accounts/roles.ts';
import { createToken, listTokens, revokeToken, type ApiToken } from '../../accounts/tokens.ts';
import { findUserByEmail, setPassword } from '../../accounts/users.ts';
import type { Store } from '../../store/store.ts';
import { createWorkspace } from '../../store/workspaces.ts';
import { globalOptions, openCliStore, output, UsageError, withStore } from '../context.ts';
import { SUMMARY } from '../summaries.ts';

function parseRole(value: string): Role {
  if (!isRole(value)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}, got "${value}"`);
  return value;
}

/** The whole of stdin without its final newline: `echo "$PW" | murmur users add … --password-stdin`. */
export async function readPasswordFromStdin(stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  const password = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  if (!password) throw new UsageError('--password-stdin: nothing was read from standard input');
  return password;
}

async function userByEmail(store: Store, email: string) {
  const user = await findUserByEmail(store, email);
  if (!user) throw new UsageError(`no user with email ${email}`);
  return user;
}

const tokenLine = (t: ApiToken) =>
  `${String(t.id).padStart(4)}  ${t.prefix}…  ${t.role.padEnd(6)}  ${t.name}${t.revokedAt ? '  (revoked)' : t.expiresAt ? `  (expires ${t.expiresAt.toISOString()})` : ''}`;

export function registerUsers(program: Command) {
  const users = program.command('users').description(SUMMARY.users);

  users
    .command('add <email>')
    .description('create an account (or change its role) in the workspace; prints a generated password unless --password-stdin')
    .option('--role <role>', 'owner, editor or viewer', 'viewer')
    .option('--name <name>', 'display name')
    .option('--password-stdin', 'read the password from standard input')
    .option('--json', 'print JSON')
    .action(async (email: string, flags: { role: string; name?: string; passwordStdin?: boolean; json?: boolean }, command: Command) => {
      const role = parseRole(flags.role);
      const given = flags.passwordStdin ? await readPasswordFromStdin() : null;
      const result = await withStore(command, async (store, workspaceId) => {
        const enrolled = await enrol(store, workspaceId, { email, role, name: flags.name ?? null, password: given, generatePassword: true });
        return {
          id: enrolled.user.id,
          email: enrolled.user.email,
          role,
          workspace: globalOptions(command).workspace,
          created: enrolled.created,
          generatedPassword: enrolled.generatedPassword,
        };
      }, { create: true });
      output(flags, result, (r) =>
        [
          `${r.created ? 'created' : 'updated'} ${r.email} as ${r.role} of workspace "${r.workspace}"`,
          r.generatedPassword ? `password (shown once, change it with \`murmur users passwd\`): ${r.generatedPassword}` : '',
        ]
          .filter(Boolean)
          .join('\n'),
      );
    });

  users
    .command('list')
    .description('members of the workspace')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }, command: Command) => {
      const members = await withStore(command, (store, workspaceId) => listMembers(store, workspaceId));
      output(flags, members, (list) => (list.length ? list.map((m) => `${m.role.padEnd(6)}  ${m.email}${m.name ? `  (${m.name})` : ''}`).join('\n') : 'no members yet: murmur users add EMAIL --role owner'));
    });

  users
    .command('remove <email>')
    .description('remove a member from the workspace (their tokens for it are revoked)')
    .action(async (email: string, _flags: object, command: Command) => {
      await withStore(command, async (store, workspaceId) => removeMember(store, workspaceId, (await userByEmail(store, email)).id));
      process.stdout.write(`removed ${email}\n`);
    });

  users
    .command('passwd <email>')
    .description('set a password (read from standard input); ends the user’s sessions')
    .action(async (email: string, _flags: object, command: Command) => {
      const password = await readPasswordFromStdin();
      await withStore(command, async (store) => setPassword(store, (await userByEmail(store, email)).id, password));
      process.stdout.write(`password changed for ${email}\n`);
    });

  const tokens = program.command('tokens').description(SUMMARY.tokens);
  tokens
    .command('create')
    .description('create a token acting for a member of the workspace')
    .requiredOption('--user <email>', 'the member the token acts for')
    .requiredOption('--name <name>', 'what the token is for, e.g. "zapier"')
    .option('--role <role>', 'at most this role (never more than the member’s own)', 'viewer')
    .option('--expires <date>', 'ISO date after which the token stops working')
    .option('--json', 'print JSON')
    .action(async (flags: { user: string; name: string; role: string; expires?: string; json?: boolean }, command: Command) => {
      const role = parseRole(flags.role);
      const expiresAt = flags.expires ? new Date(flags.expires) : null;
      if (expiresAt && Number.isNaN(expiresAt.getTime())) throw new UsageError(`--expires: "${flags.expires}" is not a date`);
      const created = await withStore(command, async (store, workspaceId) =>
        createToken(store, { userId: (await userByEmail(store, flags.user)).id, workspaceId, name: flags.name, role, expiresAt }),
      );
      output(flags, created, (t) => `${tokenLine(t)}\ntoken (shown once, store it now): ${t.token}`);
    });

  tokens
    .command('list')
    .description('tokens of the workspace (never their secrets)')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }, command: Command) => {
      const list = await withStore(command, (store, workspaceId) => listTokens(store, workspaceId));
      output(flags, list, (l) => (l.length ? l.map(tokenLine).join('\n') : 'no tokens'));
    });

  tokens
    .command('revoke <id>')
    .description('revoke a token now')
    .option('--json', 'print JSON')
    .action(async (id: string, flags: { json?: boolean }, command: Command) => {
      if (!/^\d+$/.test(id)) throw new UsageError(`token id must be a number, got "${id}"`);
      const token = await withStore(command, (store, workspaceId) => revokeToken(store, workspaceId, Number(id)));
      output(flags, token, (t) => `revoked ${tokenLine(t)}`);
    });

  const workspaces = program.command('workspaces').description(SUMMARY.workspaces);
  workspaces
    .command('list')
    .description('every workspace in the store')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }, command: Command) => {
      const store = await openCliStore(command);
      try {
        const rows = await store.db.selectFrom('workspaces').select(['slug', 'name']).orderBy('slug').execute();
        output(flags, rows, (list) => list.map((w) => `${w.slug.padEnd(20)} ${w.name}`).join('\n'));
      } finally {
        await store.close();
      }
    });
  workspaces
    .command('add <slug> <name>')
    .description('create a workspace')
    .action(async (slug: string, name: string, _flags: object, command: Command) => {
      if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(slug)) throw new UsageError(`workspace slug "${slug}": use lower-case letters, digits and -`);
      const store = await openCliStore(command, { create: true });
      try {
        const exists = await store.db.selectFrom('workspaces').select('id').where('slug', '=', slug).executeTakeFirst();
        if (exists) throw new UsageError(`workspace "${slug}" already exists`);
        await createWorkspace(store, slug, name);
      } finally {
        await store.close();
      }
      process.stdout.write(`created workspace "${slug}": add its first owner with murmur -w ${slug} users add EMAIL --role owner\n`);
    });
}
