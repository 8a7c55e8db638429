import { createContext, useContext } from 'react';
import type { SessionInfo, WorkspaceRef } from '../api/types.ts';

export interface SessionContextValue {
  session: SessionInfo;
  workspace: WorkspaceRef;
  setWorkspace: (slug: string) => void;
  signOut: () => void;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside a signed-in page');
  return value;
}

/** The current workspace slug: what every workspace-scoped call needs. */
export const useWorkspace = () => useSession().workspace.slug;

export const canEdit = (role: WorkspaceRef['role']) => role === 'owner' || role === 'editor';
