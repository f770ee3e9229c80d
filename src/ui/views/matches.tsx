/**
 * A client's cases and duplicates in the sidebar (docs/product.md, Finding cases): the open cases
 * a registration would duplicate, asked for as the order and contact are typed, and a case's
 * other cases; each opens its case.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { CaseMatch } from '../../server/contract';
import { useApp } from '../context';
import { rpc } from '../rpc';

/** Fewer characters than this in both the order and the contact: nothing worth asking about yet. */
const MIN_PROBE = 3;

/**
 * The open cases sharing `orderNo` or `contact`, asked for after a pause in typing, the latest
 * answer winning; null until known. A failure leaves the last answer (the server re-checks).
 */
export function useMatches(orderNo: string, contact: string, reloads: number): CaseMatch[] | null {
  const [matches, setMatches] = useState<CaseMatch[] | null>(null);
  useEffect(() => {
    const probe = { orderNo: orderNo.trim(), contact: contact.trim() };
    if (probe.orderNo.length < MIN_PROBE && probe.contact.length < MIN_PROBE) {
      setMatches([]);
      return undefined;
    }
    let current = true;
    const timer = setTimeout(() => {
      rpc('apiFindMatches', probe)
        .then((found) => current && setMatches(found))
        .catch(() => undefined);
    }, 400);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [orderNo, contact, reloads]);
  return matches;
}

/** One case of a match list: its id, status, client, order and what happened; opens the case. */
export function MatchItem(props: { match: CaseMatch; children?: ComponentChildren }) {
  const { boot, tr, go } = useApp();
  const { match } = props;
  const status = boot.enums.statuses.find((s) => s.code === match.status)?.label ?? match.status;
  return (
    <li class="match" data-testid="match-item" data-case-id={match.id}>
      <button
        type="button"
        class="queue-item"
        data-testid="match-open"
        onClick={() => go({ name: 'case', id: match.id })}
      >
        <span class="line">
          <span class={`crit crit-${match.criticality}`}>{match.criticality}</span>
          <span class="case-id">{match.id}</span>
          <span class="status">{status}</span>
        </span>
        <span class="line client">
          {match.client} · {match.orderNo}
        </span>
        <span class="line meta">
          {match.by.map((reason) => tr(reason === 'order' ? 'ui.matches.byOrder' : 'ui.matches.byContact')).join(', ')}
        </span>
        <span class="line summary">{match.summary}</span>
      </button>
      {props.children}
    </li>
  );
}

/** The case screen's "other cases of the client": same phone or order, open or not. */
export function ClientCases(props: { id: string; version: number }) {
  const { tr } = useApp();
  const [cases, setCases] = useState<CaseMatch[] | null>(null);
  useEffect(() => {
    let current = true;
    rpc('apiClientCases', props.id)
      .then((found) => current && setCases(found))
      .catch(() => current && setCases([]));
    return () => {
      current = false;
    };
  }, [props.id, props.version]);
  if (cases === null) return null;
  return (
    <section class="client-cases" data-testid="client-cases" aria-labelledby="client-cases-title">
      <h2 id="client-cases-title">{tr('ui.case.clientCases')}</h2>
      {cases.length === 0 ? (
        <p class="empty">{tr('ui.case.clientCasesNone')}</p>
      ) : (
        <ul class="queue matches">
          {cases.map((match) => (
            <MatchItem key={match.id} match={match} />
          ))}
        </ul>
      )}
    </section>
  );
}
