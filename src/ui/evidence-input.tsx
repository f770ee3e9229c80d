/**
 * Evidence of a case: links pasted by hand, and photos or videos attached from the device, which
 * go to the workbook's Drive folder (apiUploadEvidence) and come back as links. A file is checked
 * here first with the server's own rules: past the limit or of another type, nothing is sent.
 */
import { useRef, useState } from 'preact/hooks';
import {
  EVIDENCE_ACCEPT,
  MAX_EVIDENCE_BYTES,
  SIGNATURE_BYTES,
  evidenceMimeType,
  evidenceProblems,
  formatFileSize,
} from '../domain/evidence';
import { t } from '../domain/i18n';
import { isLink } from '../domain/lifecycle';
import { FieldError } from './components';
import { useApp } from './context';
import { asServerError, rpc } from './rpc';

interface EvidenceInputProps {
  idPrefix: string;
  links: string[];
  /** Takes an update: an upload that ends later must not undo a link removed meanwhile. */
  onLinks: (update: (links: string[]) => string[]) => void;
  /** The link being typed (kept by the form, so a link typed but not added is not lost). */
  typed: string;
  onTyped: (text: string) => void;
  error?: string | undefined;
  label?: string;
  /** A rule the step sets (an A case needs evidence): the hint until an error says it instead. */
  rule?: string;
}

/** The file's bytes as base64 (google.script.run carries strings). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('FileReader failed'));
    reader.readAsDataURL(file);
  });
}

async function readHead(file: File): Promise<number[]> {
  return Array.from(new Uint8Array(await file.slice(0, SIGNATURE_BYTES).arrayBuffer()));
}

/** "https://drive.google.com/file/d/1AbC…/view" → "drive.google.com/…/view": readable at 300 px. */
function shortLink(link: string): string {
  const bare = link.replace(/^https?:\/\//i, '');
  return bare.length > 42 ? `${bare.slice(0, 24)}…${bare.slice(-14)}` : bare;
}

export function EvidenceInput(props: EvidenceInputProps) {
  const { lang, tr, notify } = useApp();
  const [localError, setLocalError] = useState('');
  const [uploading, setUploading] = useState<{ name: string; size: number } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const id = `${props.idPrefix}-evidence`;
  const error = localError || props.error;

  const addTyped = () => {
    const link = props.typed.trim();
    if (!link) return;
    if (!isLink(link)) {
      setLocalError(t(lang, 'input.link', { value: link }));
      return;
    }
    setLocalError('');
    props.onLinks((links) => (links.includes(link) ? links : [...links, link]));
    props.onTyped('');
  };

  const attach = async (files: FileList | null) => {
    setLocalError('');
    for (const file of Array.from(files ?? [])) {
      const mimeType = evidenceMimeType(file.name, file.type);
      const problems = evidenceProblems(
        { name: file.name, mimeType, size: file.size, head: await readHead(file) },
        lang,
      );
      if (problems[0]) {
        setLocalError(t(lang, problems[0].key, problems[0].params));
        break;
      }
      setUploading({ name: file.name, size: file.size });
      try {
        const dataBase64 = await readBase64(file);
        const uploaded = await rpc('apiUploadEvidence', { name: file.name, mimeType, dataBase64 });
        props.onLinks((links) => [...links, uploaded.url]);
        notify(tr('ui.evidence.uploaded', { name: uploaded.name }));
      } catch (caught) {
        setLocalError(asServerError(caught).message);
        break;
      } finally {
        setUploading(null);
      }
    }
    if (fileInput.current) fileInput.current.value = '';
  };

  return (
    <div class={error ? 'field evidence invalid' : 'field evidence'}>
      <label for={id}>{props.label ?? tr('field.evidence')}</label>
      {props.links.length > 0 && (
        <ul class="links">
          {props.links.map((link) => (
            <li key={link}>
              {isLink(link) ? (
                <a href={link} target="_blank" rel="noopener noreferrer" title={link}>
                  {shortLink(link)}
                </a>
              ) : (
                <span>{link}</span>
              )}
              <button
                type="button"
                class="icon"
                aria-label={tr('ui.evidence.remove', { link })}
                onClick={() => props.onLinks((links) => links.filter((l) => l !== link))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="row">
        <input
          type="url"
          id={id}
          name="evidence"
          data-testid="field-evidence"
          // Short enough for 300 px; what to put here is said below the field.
          placeholder="https://…"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : `${id}-hint`}
          value={props.typed}
          onInput={(e) => props.onTyped(e.currentTarget.value)}
          onKeyDown={(e) => {
            // Enter adds the link here rather than submitting the whole form half-done.
            if (e.key === 'Enter') {
              e.preventDefault();
              addTyped();
            }
          }}
        />
        <button type="button" onClick={addTyped} disabled={!props.typed.trim()}>
          {tr('ui.evidence.add')}
        </button>
      </div>
      <div class="row attach">
        <button type="button" onClick={() => fileInput.current?.click()} disabled={uploading !== null}>
          {tr('ui.evidence.attach')}
        </button>
        <input
          ref={fileInput}
          type="file"
          class="sr-only"
          tabIndex={-1}
          aria-hidden="true"
          multiple
          accept={EVIDENCE_ACCEPT}
          data-testid="field-evidence-file"
          onChange={(e) => void attach(e.currentTarget.files)}
        />
      </div>
      <p class="hint" id={`${id}-hint`}>
        {props.rule && !error ? `${props.rule} ` : ''}
        {tr('ui.evidence.link')} {tr('ui.evidence.limit', { limit: formatFileSize(MAX_EVIDENCE_BYTES, lang) })}
      </p>
      {uploading && (
        <div class="uploading" role="status">
          <span>
            {tr('ui.evidence.uploading', { name: uploading.name, size: formatFileSize(uploading.size, lang) })}
          </span>
          <progress aria-label={tr('ui.working')} />
        </div>
      )}
      <FieldError id={`${id}-error`} name="evidence" error={error} />
    </div>
  );
}
