/** What the Zones of growth and CSI screens share: who may log, the words, an entry's badges. */
import type { Role } from '../../../domain/model';
import { useApp } from '../../context';
import type { GrowthZoneView } from '../../../server/contract';

/** Client service finds the errors and logs them (docs/product.md, Zones of growth and CSI). */
export function mayLogZones(role: Role): boolean {
  return role === 'agent' || role === 'lead';
}

export function ZoneBadges(props: { view: Pick<GrowthZoneView, 'category' | 'recheckDue' | 'counts'> }) {
  const { tr } = useApp();
  const zl = useZoneLabels();
  const { view } = props;
  return (
    <>
      <span class="badge">{zl.category(view.category)}</span>
      {view.recheckDue && <span class="badge at-risk">{tr('ui.zone.recheckDue')}</span>}
      {!view.counts && <span class="badge">{tr('ui.zone.notCounted')}</span>}
    </>
  );
}

/**
 * The zones' words in the workbook's language: apiBootstrap serves them (enums.zones), so the
 * sidebar's own catalogs stay small. A code it does not know shows as itself.
 */
export function useZoneLabels() {
  const { zones } = useApp().boot.enums;
  const find = (list: ReadonlyArray<{ code: string; label: string }>) => (code: string) =>
    list.find((o) => o.code === code)?.label ?? code;
  return {
    status: find(zones.statuses),
    source: find(zones.sources),
    category: find(zones.categories),
    csiRole: find(zones.csiRoles),
    field: (name: string) => zones.fields[name] ?? name,
  };
}
