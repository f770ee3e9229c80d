/**
 * Message to the client: a template from Settings rendered for this case, editable before it is
 * sent, a copy button and a WhatsApp link that opens the chat with the text: WhatsApp is the main
 * channel (docs/product.md, Case lifecycle). Copying it or opening WhatsApp is recorded on the
 * case, and counts as its first response when the agent ticks so (docs/product.md, Notes and
 * messages).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MessageChannel } from '../../domain/conversation';
import { isOpen } from '../../domain/lifecycle';
import { whatsappLink } from '../../domain/templates';
import type { RenderedTemplate } from '../../server/contract';
import { PromiseBlock, type PromiseCase } from './case/promise';
import { CheckField, FormError, Spinner } from '../components';
import { useApp } from '../context';
import { asServerError, rpc } from '../rpc';

/** Copies with the Clipboard API, else with a selected text area (the sidebar's iframe may block the API). */
async function copyText(text: string, area: HTMLTextAreaElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!area) return false;
    area.focus();
    area.select();
    return document.execCommand('copy');
  }
}

export function MessageView(props: { id: string }) {
  const { boot, tr, notify, go } = useApp();
  const templates = boot.settings.templates;
  const [key, setKey] = useState(templates[0]?.key ?? '');
  const [text, setText] = useState<string | null>(null);
  const [view, setView] = useState<PromiseCase | null>(null);
  const [deadline, setDeadline] = useState<RenderedTemplate['deadline']>('promised');
  /** Bumped when the case's deadline changes, so the message is rendered again. */
  const [rendering, setRendering] = useState(0);
  const [firstResponse, setFirstResponse] = useState(false);
  const [error, setError] = useState('');
  const area = useRef<HTMLTextAreaElement>(null);
  /** What was already recorded on this visit: the same text sent the same way is one message. */
  const recorded = useRef(new Set<string>());
  const contact = view?.contact ?? '';
  const records = boot.role === 'agent' || boot.role === 'lead';
  const mayCountFirst = records && view !== null && view.firstResponseAt === null && isOpen(view);

  useEffect(() => {
    let current = true;
    rpc('apiGetCase', props.id)
      .then((loaded) => current && setView(loaded))
      .catch((caught: unknown) => current && setError(asServerError(caught).message));
    return () => {
      current = false;
    };
  }, [props.id]);

  useEffect(() => {
    if (!key) return undefined;
    let current = true;
    setText(null);
    rpc('apiRenderTemplate', props.id, key)
      .then((rendered) => {
        if (!current) return;
        setText(rendered.text);
        setDeadline(rendered.deadline);
        setError('');
      })
      .catch((caught: unknown) => current && setError(asServerError(caught).message));
    return () => {
      current = false;
    };
  }, [props.id, key, rendering]);

  /** Records the message sent (one Events row; with the first response, one more). */
  const record = async (channel: MessageChannel) => {
    if (!records || !view || text === null) return;
    const first = mayCountFirst && firstResponse;
    const sent = `${channel}\n${key}\n${text}`;
    if (recorded.current.has(sent) && !first) return;
    recorded.current.add(sent);
    try {
      const next = await rpc(
        'apiRecordMessage',
        view.id,
        first ? { template: key, channel, firstResponse: true, version: view.version } : { template: key, channel },
      );
      setView((old) => ({ ...next, pendingPromise: old?.pendingPromise ?? null }));
      setFirstResponse(false);
      notify(tr(first ? 'ui.message.recordedFirst' : 'ui.message.recorded'));
    } catch (caught) {
      recorded.current.delete(sent);
      setError(asServerError(caught).message);
    }
  };

  const copy = async () => {
    if (text === null) return;
    if (await copyText(text, area.current)) {
      notify(tr('ui.message.copied'));
      await record('copy');
    } else setError(tr('ui.message.copyFailed'));
  };

  return (
    <section class="view" aria-labelledby="message-title">
      <div class="view-head">
        <button
          type="button"
          class="icon back"
          aria-label={tr('ui.back')}
          title={tr('ui.back')}
          onClick={() => go({ name: 'case', id: props.id })}
        >
          ←
        </button>
        <h1 id="message-title" tabIndex={-1}>
          {tr('ui.case.message')}
        </h1>
      </div>
      <p class="hint">{props.id}</p>
      {view && (
        <PromiseBlock
          view={view}
          onChanged={(next) => {
            setView(next);
            setRendering((n) => n + 1);
          }}
        />
      )}
      {templates.length === 0 ? (
        <p class="empty">{tr('ui.message.noTemplates')}</p>
      ) : (
        <>
          <div class="field">
            <label for="message-template">{tr('ui.message.template')}</label>
            <select
              id="message-template"
              data-testid="template-picker"
              value={key}
              onChange={(e) => setKey(e.currentTarget.value)}
            >
              {templates.map((tpl) => (
                <option key={tpl.key} value={tpl.key}>
                  {tpl.name || tpl.key}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="message-text">{tr('ui.message.text')}</label>
            {text === null && !error ? (
              <Spinner label={tr('ui.loading')} />
            ) : (
              <textarea
                ref={area}
                id="message-text"
                data-testid="message-text"
                data-deadline={deadline}
                rows={9}
                value={text ?? ''}
                onInput={(e) => setText(e.currentTarget.value)}
              />
            )}
          </div>
          {mayCountFirst && (
            <CheckField
              name="firstResponse"
              idPrefix="message"
              label={tr('ui.message.firstResponse')}
              checked={firstResponse}
              onValue={setFirstResponse}
            />
          )}
          <FormError error={error} />
          <div class="actions">
            <button
              type="button"
              class="primary"
              data-testid="copy-message"
              onClick={() => void copy()}
              disabled={text === null}
            >
              {tr('ui.message.copy')}
            </button>
            {text !== null && (
              <a
                class="button whatsapp"
                data-testid="whatsapp-link"
                href={whatsappLink(contact, text)}
                target="_blank"
                rel="noopener"
                onClick={() => void record('whatsapp')}
              >
                {tr('ui.message.whatsapp')}
              </a>
            )}
          </div>
        </>
      )}
    </section>
  );
}
