/** The case's head (number, criticality, status and badges, summary) and its facts. */
import type { ComponentChildren } from 'preact';
import { isLink } from '../../../domain/lifecycle';
import type { Status } from '../../../domain/model';
import type { CaseView } from '../../../server/api';
import { Breakable, LongText } from '../../components';
import { useApp } from '../../context';

export function CaseHead(props: {
  view: CaseView;
  back: ComponentChildren;
  statusLabel: (status: Status | '') => string;
}) {
  const { tr } = useApp();
  const { view } = props;
  return (
    <>
      <div class="view-head">
        {props.back}
        <h1 id="case-title" tabIndex={-1}>
          {view.id}
        </h1>
        <span class={`crit crit-${view.criticality}`} title={tr(`criticality.${view.criticality}`)}>
          {view.criticality}
        </span>
      </div>
      <p class="badges">
        <span class={`status-chip status-${view.status}`} data-testid="case-status">
          {props.statusLabel(view.status)}
        </span>
        {view.overdue && <span class="badge overdue">{tr('sla.overdue')}</span>}
        {!view.overdue && view.atRisk && <span class="badge at-risk">{tr('sla.atRisk')}</span>}
        {view.reopenCount > 0 && <span class="badge">{tr('ui.case.reopenCount', { count: view.reopenCount })}</span>}
        {view.escalationLevel > 0 && (
          <span class="badge">{tr('ui.case.escalation', { level: view.escalationLevel })}</span>
        )}
      </p>
      <LongText class="summary" text={view.summary} testId="case-summary" />
    </>
  );
}

export function Facts(props: { view: CaseView }) {
  const { tr } = useApp();
  const { view } = props;
  return (
    <dl class="facts">
      <Fact label={tr('field.client')} value={view.client} />
      <Fact label={tr('field.contact')} value={view.contact} />
      <Fact label={tr('field.orderNo')} value={view.orderNo} />
      <Fact label={tr('field.kind')} value={view.kind} />
      <Fact label={tr('field.channel')} value={[view.channel, view.source].filter(Boolean).join(' · ')} />
      <Fact label={tr('ui.case.owner')} value={[view.ownerDept, view.ownerEmail].filter(Boolean).join(' · ')} />
      <Fact label={tr('field.agent')} value={view.agent} />
      <Fact label={tr('field.manager')} value={[view.manager, view.team].filter(Boolean).join(' · ')} />
      {view.bypass && <Fact label={tr('field.bypass')} value="✓" />}
      {view.stopShipment && <Fact label={tr('field.stopShipment')} value="✓" />}
      <Fact label={tr('field.resolution')} value={view.resolution} long />
      <Fact label={tr('field.rootCause')} value={view.rootCause} />
      <Fact label={tr('field.prevention')} value={view.prevention} long />
      <Fact label={tr('field.reason')} value={view.cancelReason} long />
      <Fact label={tr('field.csat')} value={view.csat === null ? '' : String(view.csat)} />
      <Fact label={tr('field.nps')} value={view.nps === null ? '' : String(view.nps)} />
      {view.evidence.length > 0 && (
        <>
          <dt>{tr('field.evidence')}</dt>
          <dd>
            <ul class="links">
              {view.evidence.map((link) => (
                <li key={link}>
                  {isLink(link) ? (
                    <a href={link} target="_blank" rel="noopener noreferrer">
                      {link.replace(/^https?:\/\//, '')}
                    </a>
                  ) : (
                    link
                  )}
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
    </dl>
  );
}

/** A fact; a free text is cut to its first lines, anything else breaks only at @, dots and slashes. */
function Fact(props: { label: string; value: string; long?: boolean }) {
  if (!props.value) return null;
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.long ? <LongText class="fact-text" text={props.value} /> : <Breakable text={props.value} />}</dd>
    </>
  );
}
