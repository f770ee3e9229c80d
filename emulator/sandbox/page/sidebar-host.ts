/**
 * The 300 px sidebar panel: the real build/sidebar.html in a frame of another origin (see
 * server.ts), and the page's half of the google.script bridge: a call the shim posts here is run
 * on the server as the person the page acts as, and its outcome posted back to the frame.
 */
import { isShimMessage, SHIM_CHANNEL, type ShimMessage, type ShimReply } from '../protocol';
import { api } from './api';
import { h, replaceChildren } from './dom';
import type { Words } from './i18n';

export interface SidebarDeps {
  words(): Words;
  user(): string;
  /** A server call finished: the workbook may have changed. */
  called(): void;
  /** google.script.host.editor.focus(): back to the grid. */
  focusEditor(): void;
  /** The person asks to open the sidebar (the panel's own button). */
  open(): void;
  /** The sidebar was closed (its × button, or google.script.host.close()). */
  closed(): void;
}

/** The loopback name the page is not served under: the sidebar's origin. */
export function sidebarOrigin(location: Location): string {
  const other = location.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  return `${location.protocol}//${other}:${location.port}`;
}

export class SidebarHost {
  readonly element: HTMLElement;
  private readonly title: HTMLElement;
  private readonly body: HTMLElement;
  private frame: HTMLIFrameElement | null = null;
  private readonly origin = sidebarOrigin(window.location);

  constructor(private readonly deps: SidebarDeps) {
    this.title = h('span', { className: 'sidebar-title', testid: 'sidebar-title' });
    this.body = h('div', { className: 'sidebar-body' });
    this.element = h('aside', { className: 'sidebar-panel', testid: 'sidebar-panel' });
    window.addEventListener('message', (event) => void this.onMessage(event));
    this.showClosed();
  }

  get isOpen(): boolean {
    return this.frame !== null;
  }

  open(path: string, title: string): void {
    const words = this.deps.words();
    const frame = h('iframe', {
      className: 'sidebar-frame',
      testid: 'sidebar-frame',
      title,
      attrs: {
        // As Sheets frames a sidebar: scripts, forms, pop-ups (the WhatsApp link), dialogs; the
        // frame is same-origin only with itself, since it is served from the other loopback name.
        sandbox:
          'allow-scripts allow-forms allow-popups allow-popups-to-escape-sandbox allow-modals allow-downloads allow-same-origin',
        allow: 'clipboard-write',
        src: `${this.origin}${path}?parent=${encodeURIComponent(window.location.origin)}`,
      },
    });
    this.frame = frame;
    this.title.textContent = title || words.product;
    replaceChildren(
      this.element,
      h(
        'header',
        { className: 'sidebar-header' },
        this.title,
        h(
          'button',
          {
            className: 'icon-button',
            testid: 'sidebar-reload',
            title: words.reloadSidebar,
            attrs: { type: 'button', 'aria-label': words.reloadSidebar },
            on: { click: () => this.deps.open() },
          },
          '↻',
        ),
        h(
          'button',
          {
            className: 'icon-button',
            testid: 'sidebar-close',
            title: words.closeSidebar,
            attrs: { type: 'button', 'aria-label': words.closeSidebar },
            on: { click: () => this.close() },
          },
          '×',
        ),
      ),
      frame,
    );
  }

  close(): void {
    this.frame = null;
    this.showClosed();
    this.deps.closed();
  }

  private showClosed(): void {
    const words = this.deps.words();
    replaceChildren(
      this.element,
      h(
        'div',
        { className: 'sidebar-closed', testid: 'sidebar-closed' },
        h('div', { className: 'sidebar-closed-mark', attrs: { 'aria-hidden': 'true' } }, '⚖'),
        h('p', { className: 'sidebar-closed-title' }, words.sidebarClosed),
        h('p', { className: 'muted' }, words.sidebarHint),
        h(
          'button',
          { className: 'button', attrs: { type: 'button' }, on: { click: () => this.deps.open() } },
          words.openArbiter,
        ),
      ),
    );
  }

  private async onMessage(event: MessageEvent): Promise<void> {
    const frame = this.frame;
    if (!frame || event.source !== frame.contentWindow || event.origin !== this.origin) return;
    const message: unknown = event.data;
    if (!isShimMessage(message)) return;
    await this.handle(frame, message);
  }

  private async handle(frame: HTMLIFrameElement, message: ShimMessage): Promise<void> {
    if (message.kind === 'host.close') return this.close();
    if (message.kind === 'host.editor.focus') return this.deps.focusEditor();
    let reply: ShimReply;
    try {
      const outcome = await api.scriptRun({
        user: this.deps.user(),
        functionName: message.functionName,
        args: message.args,
      });
      reply = outcome.ok
        ? { channel: SHIM_CHANNEL, kind: 'result', callId: message.callId, ok: true, value: outcome.value }
        : { channel: SHIM_CHANNEL, kind: 'result', callId: message.callId, ok: false, error: outcome.error };
    } catch (error) {
      // The sandbox server is gone: what Apps Script says when it cannot reach the server.
      const text = error instanceof Error ? error.message : String(error);
      reply = {
        channel: SHIM_CHANNEL,
        kind: 'result',
        callId: message.callId,
        ok: false,
        error: { name: 'NetworkError', message: `NetworkError: Connection failure due to HTTP 0 (${text})` },
      };
    }
    // The frame may have been closed or replaced while the call ran: the answer is then dropped.
    if (this.frame === frame) frame.contentWindow?.postMessage(reply, this.origin);
    this.deps.called();
  }
}
