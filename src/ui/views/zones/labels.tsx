/** What the Zones of growth screens share: who may log, and an entry's badges. */
import type { Role } from '../../../domain/model';
import { useApp } from '../../context';
import type { GrowthZoneView } from '../../zones-tmp';

/** Client service finds the errors and logs them (docs/product.md, Zones of growth and CSI). */
export function mayLogZones(role: Role): boolean {
  return role === 'agent' || role === 'lead';
}

export function ZoneBadges(props: { view: Pick<GrowthZoneView, 'category' | 'recheckDue' | 'counts'> }) {
  const { tr } = useApp();
  const { view } = props;
  return (
    <>
      <span class="badge">{tr(`ui.zone.category.${view.category}`)}</span>
      {view.recheckDue && <span class="badge at-risk">{tr('ui.zone.recheckDue')}</span>}
      {!view.counts && <span class="badge">{tr('ui.zone.notCounted')}</span>}
    </>
  );
}
