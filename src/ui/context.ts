/** What every view of the sidebar needs: who is here, in which language, and how to move on. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Lang, MessageKey } from '../domain/i18n';
import type { Bootstrap } from '../server/contract';

export type View =
  | { name: 'queue' }
  | { name: 'new' }
  | { name: 'case'; id: string }
  | { name: 'message'; id: string }
  | { name: 'settings' }
  | { name: 'zones' }
  | { name: 'newZone' }
  | { name: 'zone'; id: string }
  | { name: 'csi' };

export interface AppContextValue {
  boot: Bootstrap;
  lang: Lang;
  tr: (key: MessageKey, params?: Record<string, string | number>) => string;
  /** The workbook's time zone: due times are the team's, not the browser's. */
  timeZone: string;
  /** Shows a success message in the notice area. */
  notify: (text: string) => void;
  go: (view: View) => void;
  /** Reads bootstrap again (after Settings change the language, the team or the lists). */
  reloadBoot: () => Promise<void>;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside <AppContext.Provider>');
  return value;
}
