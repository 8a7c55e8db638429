/**
 * Making someone a member in one call, creating the account when the email is new: what
 * `murmur users add`, the members API and the demo's sign-in account all need.
 */
import type { Store } from '../store/store.ts';
import { setMember } from './members.ts';
import type { Role } from './roles.ts';
import { randomSecret } from './secrets.ts';
import { createUser, findUserByEmail, setPassword, type User } from './users.ts';

export interface Enrolment {
  email: string;
  role: Role;
  name?: string | null;
  /** Sets the password (a new account, or a reset of an existing one). */
  password?: string | null;
  /** For a new account without `password`: generate one and return it (else it cannot sign in). */
  generatePassword?: boolean;
}

export interface Enrolled {
  user: User;
  created: boolean;
  /** The generated password, shown once; null when none was generated. */
  generatedPassword: string | null;
}

export async function enrol(store: Store, workspaceId: number, input: Enrolment): Promise<Enrolled> {
  const existing = await findUserByEmail(store, input.email);
  const generatedPassword = !existing && !input.password && input.generatePassword ? randomSecret(12) : null;
  const user = existing ?? (await createUser(store, { email: input.email, name: input.name ?? null, password: input.password ?? generatedPassword }));
  if (existing && input.password) await setPassword(store, user.id, input.password);
  await setMember(store, workspaceId, user.id, input.role);
  return { user, created: !existing, generatedPassword };
}
