/**
 * The sidebar: bootstrap (who, which language, the settings), the navigation, the notice area and
 * the current view. Opens straight on the case whose row is selected in the Cases tab.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t, type Lang, type MessageKey } from '../domain/i18n';
import type { Bootstrap } from '../server/contract';
import { FormError, Spinner } from './components';
import { AppContext, type AppContextValue, type View } from './context';
import { emptyDraft, type CaseFieldsDraft } from './forms';
import { asServerError, rpc } from './rpc';
import { CaseScreen } from './views/case/screen';
import { CsiView } from './views/csi';
import { MessageView } from './views/message';
import { NewCaseView } from './views/new-case';
import { QueueView } from './views/queue';
import { SettingsView } from './views/settings';
import { ZoneScreen } from './views/zones/entry';
import { ZonesView } from './views/zones/list';
import { NewZoneView } from './views/zones/new-zone';

/** Before bootstrap answers, the browser's language is the best guess. */
function guessLang(): Lang {
  return (navigator.language || '').toLowerCase().startsWith('en') ? 'en' : 'ru';
}

const NOTICE_MS = 6000;

export function App() {
  const [boot, setBoot] = useState<Bootstrap | null>(null);
  const [bootError, setBootError] = useState('');
  const [view, setView] = useState<View>({ name: 'queue' });
  const [draft, setDraft] = useState<CaseFieldsDraft>(emptyDraft);
  const [notice, setNotice] = useState('');
  const noticeTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const main = useRef<HTMLDivElement>(null);
  const firstView = useRef(true);

  const loadBoot = useCallback(async (initial: boolean) => {
    try {
      const result = await rpc('apiBootstrap');
      setBoot(result);
      setBootError('');
      if (initial && result.selectedCaseId) setView({ name: 'case', id: result.selectedCaseId });
    } catch (caught) {
      setBootError(asServerError(caught).message);
    }
  }, []);

  useEffect(() => {
    void loadBoot(true);
  }, [loadBoot]);

  const lang: Lang = boot?.locale ?? guessLang();
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t(lang, 'sidebar.title');
  }, [lang]);

  // Moving to another view puts the keyboard focus on its heading (not on the first paint).
  useEffect(() => {
    if (!boot) return;
    if (firstView.current) {
      firstView.current = false;
      return;
    }
    requestAnimationFrame(() => main.current?.querySelector<HTMLElement>('h1')?.focus());
  }, [view, boot !== null]);

  const value = useMemo<AppContextValue | null>(() => {
    if (!boot) return null;
    return {
      boot,
      lang,
      tr: (key: MessageKey, params?: Record<string, string | number>) => t(lang, key, params),
      timeZone: boot.settings.calendar.timeZone,
      notify: (text: string) => {
        setNotice(text);
        clearTimeout(noticeTimer.current);
        noticeTimer.current = setTimeout(() => setNotice(''), NOTICE_MS);
      },
      go: setView,
      reloadBoot: () => loadBoot(false),
    };
  }, [boot, lang, loadBoot]);

  if (!value) {
    return (
      <div class="boot">
        <Header lang={lang} />
        {bootError ? (
          <FormError error={t(lang, 'ui.bootFailed', { message: bootError })}>
            <button type="button" onClick={() => void loadBoot(true)}>
              {t(lang, 'ui.retry')}
            </button>
          </FormError>
        ) : (
          <Spinner label={t(lang, 'ui.loading')} />
        )}
      </div>
    );
  }

  const tr = value.tr;
  const isLead = value.boot.role === 'lead';
  const mayRegister = value.boot.role === 'agent' || isLead;
  // Department owners answer for cases; zones of growth and CSI are client service's and sales'.
  const seesZones = value.boot.role !== 'owner';
  /** A tab: a short label, so that every tab fits one line at 300 px; the full name for hover and screen readers. */
  const navButton = (target: View['name'], testId: string, name: MessageKey, short?: string) => {
    const current =
      view.name === target ||
      (target === 'queue' && (view.name === 'case' || view.name === 'message')) ||
      (target === 'zones' && (view.name === 'zone' || view.name === 'newZone'));
    return (
      <button
        type="button"
        data-testid={testId}
        aria-current={current ? 'page' : undefined}
        class={current ? 'current' : ''}
        title={short ? tr(name) : undefined}
        aria-label={short ? tr(name) : undefined}
        onClick={() => setView({ name: target } as View)}
      >
        {short ?? tr(name)}
      </button>
    );
  };

  return (
    <AppContext.Provider value={value}>
      <Header lang={lang} user={value.boot.user.name || value.boot.user.email} />
      <nav class="nav" aria-label={tr('app.name')}>
        {navButton('queue', 'nav-queue', 'ui.nav.queue', tr('ui.nav.short.queue'))}
        {mayRegister && navButton('new', 'nav-new', 'ui.nav.new', tr('ui.nav.short.new'))}
        {seesZones && navButton('zones', 'nav-zones', 'ui.nav.zones', tr('ui.nav.short.zones'))}
        {seesZones && navButton('csi', 'nav-csi', 'ui.nav.csi')}
        {isLead && navButton('settings', 'nav-settings', 'ui.nav.settings', '⚙')}
      </nav>
      <p class={notice ? 'notice shown' : 'notice'} data-testid="notice" role="status" aria-live="polite">
        {notice}
      </p>
      <div ref={main} class="main">
        {view.name === 'queue' && <QueueView onOpen={(id) => setView({ name: 'case', id })} />}
        {view.name === 'new' && mayRegister && <NewCaseView draft={draft} onDraft={setDraft} />}
        {view.name === 'case' && <CaseScreen id={view.id} />}
        {view.name === 'message' && <MessageView id={view.id} />}
        {view.name === 'settings' && isLead && <SettingsView />}
        {view.name === 'zones' && <ZonesView />}
        {view.name === 'newZone' && <NewZoneView />}
        {view.name === 'zone' && <ZoneScreen id={view.id} />}
        {view.name === 'csi' && <CsiView />}
      </div>
    </AppContext.Provider>
  );
}

function Header(props: { lang: Lang; user?: string }) {
  return (
    <header class="app-header">
      <span class="logo" aria-hidden="true">
        ⚖
      </span>
      <span class="app-name">{t(props.lang, 'app.name')}</span>
      {props.user && (
        <span class="user" title={props.user}>
          {props.user}
        </span>
      )}
    </header>
  );
}
