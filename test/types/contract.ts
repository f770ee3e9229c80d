/**
 * Type tests of the sidebar's contract (src/server/contract.ts), compiled by `npm run typecheck`
 * (tsconfig.json includes test/), never run. Each `@ts-expect-error` line must fail to compile:
 * if the contract stopped catching that mistake, the directive itself would be the error.
 */
import type { ApiName, CaseView, Fits, NoDates, SidebarApi } from '../../src/server/contract';
import { rpc } from '../../src/ui/rpc';

/** The contract with one function replaced, as a server that drifted from it would be. */
type With<K extends ApiName, F> = Omit<SidebarApi, K> & { [P in K]: F };

// A server function that validates `unknown` input fits; one that expects less than the sidebar
// may send does not.
export type _ValidatesUnknown = Fits<With<'apiTransition', (id: unknown, body: unknown) => CaseView>, SidebarApi>;
type OnlyClosing = (id: unknown, body: { to: 'closed'; version: number }) => CaseView;
// @ts-expect-error the body's `to` may be any status, not only 'closed'
export type _Narrower = Fits<With<'apiTransition', OnlyClosing>, SidebarApi>;
// @ts-expect-error the sidebar sends the id as a string
export type _IdNumber = Fits<With<'apiGetCase', (id: number) => CaseView & { now: string }>, SidebarApi>;
// @ts-expect-error apiGetCase promises the server's `now` with the case
export type _NoNow = Fits<With<'apiGetCase', (id: unknown) => CaseView>, SidebarApi>;
// @ts-expect-error every api* function the server exports has an entry in the contract
export type _Unlisted = Fits<ApiName | 'apiSomethingNew', ApiName>;
// @ts-expect-error a Date in a result would reach the sidebar as null
export type _DateResult = Fits<NoDates<With<'apiListCases', () => { items: CaseView[]; at: Date }>>, ApiName>;
// @ts-expect-error nor may a request carry one
export type _DateRequest = Fits<NoDates<With<'apiSaveSettings', (s: { from: Date }) => void>>, ApiName>;

/** The sidebar's calls are typed by the contract, arguments and results. */
export async function _calls(): Promise<void> {
  await rpc('apiTransition', 'C-1', { to: 'closed', version: 3, csat: 5 });
  // @ts-expect-error not a status
  await rpc('apiTransition', 'C-1', { to: 'finished', version: 3 });
  // @ts-expect-error a step names the version of the case it was made on
  await rpc('apiTransition', 'C-1', { to: 'closed' });
  // @ts-expect-error CSAT is a number
  await rpc('apiTransition', 'C-1', { to: 'closed', version: 3, csat: '5' });
  // @ts-expect-error the status is not an editable field
  await rpc('apiUpdateCase', 'C-1', { version: 3, status: 'closed' });
  // @ts-expect-error a registration names the order
  await rpc('apiRegisterCase', { client: 'A' });
  // @ts-expect-error setupWorkbook is a menu function, not the sidebar's
  await rpc('setupWorkbook');
  const list = await rpc('apiListCases', { status: 'open' });
  // @ts-expect-error `now` is an ISO string, not a Date
  list.now.getTime();
}
