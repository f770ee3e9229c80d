/**
 * A case as the KPIs read it, for the domain's hand-counted tests: registered at `createdAt`, new,
 * B, production's, with every clock at its registration unless `fields` say otherwise.
 */
import type { KpiCase } from '../../src/domain/kpi';

export function kpiCase(id: number, fields: Partial<KpiCase> & Pick<KpiCase, 'createdAt'>): KpiCase {
  return {
    id: `ARB-2026-${String(id).padStart(5, '0')}`,
    status: 'new',
    criticality: 'B',
    ownerDept: 'Производство',
    bypass: false,
    dueFirstResponseAt: fields.createdAt,
    firstResponseAt: null,
    resolutionStartAt: fields.createdAt,
    pausedMinutes: 0,
    waitingSince: null,
    dueAt: fields.createdAt,
    resolvedAt: null,
    closedAt: null,
    rootCause: '',
    prevention: '',
    reopenCount: 0,
    ownerEmail: '',
    csat: null,
    nps: null,
    ...fields,
  };
}
