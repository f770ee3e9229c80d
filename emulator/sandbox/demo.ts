/**
 * The demo workbook the sandbox starts with: a made-up kitchen-furniture company in Almaty and a
 * week of its client-service cases. Everything goes through the add-on as people would use it —
 * the lead runs setupWorkbook and fills in Settings, agents register cases through the API at
 * their own (virtual) times, owners report resolutions, the lead closes, cancels and reopens —
 * so the workbook is exactly what Arbiter itself writes, and the seed breaks when the API does.
 *
 * Nothing here is real: the company, the people, the clients, the phone numbers and the orders
 * are invented; addresses use the reserved `.example` domain; the spreadsheet is named as a demo
 * and its first tab says so.
 */
import { createExecutionEnv } from '../core/execution';
import type { Emulator } from '../runtime';
import { createSpreadsheetApp } from '../spreadsheet';
import type { NewSpreadsheetOptions } from '../core/spreadsheet-state';
import { DemoZones } from './demo-zones';

/** Almaty has been UTC+5 all year since 1 March 2024. */
const ZONE_OFFSET = '+05:00';
const local = (isoLocal: string) => new Date(`${isoLocal}:00${ZONE_OFFSET}`).getTime();

const DOMAIN = 'demo-kuhni.example';
const mail = (local: string) => `${local}@${DOMAIN}`;

/**
 * The demo's people. Department heads and the COO/CEO read (their escalations reach them by
 * email from the departments and escalation settings); the sales team's leader is `team_leader`.
 */
export const DEMO_PEOPLE = {
  lead: { email: mail('aliya.nurlanova'), name: 'Алия Нурланова', role: 'lead', team: 'Клиентский сервис' },
  dina: { email: mail('dina.seitkali'), name: 'Дина Сейткали', role: 'agent', team: 'Клиентский сервис' },
  timur: { email: mail('timur.akhmetov'), name: 'Тимур Ахметов', role: 'agent', team: 'Клиентский сервис' },
  production: { email: mail('erzhan.kasymov'), name: 'Ержан Касымов', role: 'owner', team: 'Производство' },
  warehouse: { email: mail('aidos.zhumabekov'), name: 'Айдос Жумабеков', role: 'owner', team: 'Склад' },
  logistics: { email: mail('ruslan.omarov'), name: 'Руслан Омаров', role: 'owner', team: 'Логистика' },
  installation: { email: mail('bauyrzhan.sagintayev'), name: 'Бауыржан Сагинтаев', role: 'owner', team: 'Монтаж' },
  qc: { email: mail('gulnara.abenova'), name: 'Гульнара Абенова', role: 'owner', team: 'ОТК' },
  productionHead: { email: mail('sergey.kim'), name: 'Сергей Ким', role: 'viewer', team: 'Производство' },
  warehouseHead: { email: mail('natalya.petrenko'), name: 'Наталья Петренко', role: 'viewer', team: 'Склад' },
  logisticsHead: { email: mail('viktor.lebedev'), name: 'Виктор Лебедев', role: 'viewer', team: 'Логистика' },
  installationHead: { email: mail('andrey.volkov'), name: 'Андрей Волков', role: 'viewer', team: 'Монтаж' },
  qcHead: { email: mail('olga.mironova'), name: 'Ольга Миронова', role: 'viewer', team: 'ОТК' },
  coo: { email: mail('marat.ismailov'), name: 'Марат Исмаилов', role: 'viewer', team: 'Операционный директор' },
  ceo: { email: mail('irina.sokolova'), name: 'Ирина Соколова', role: 'viewer', team: 'Генеральный директор' },
  salesLeader: { email: mail('madina.ospanova'), name: 'Мадина Оспанова', role: 'team_leader', team: 'Продажи-2' },
  sales: { email: mail('islam.beketov'), name: 'Ислам Бекетов', role: 'viewer', team: 'Продажи-2' },
  // Zones of growth: the leaders of the two other sales teams (Продажи-2 is Мадина Оспанова's).
  salesLeader1: {
    email: mail('daniyar.abdrakhmanov'),
    name: 'Данияр Абдрахманов',
    role: 'team_leader',
    team: 'Продажи-1',
  },
  showroomLeader: { email: mail('kirill.pak'), name: 'Кирилл Пак', role: 'team_leader', team: 'Шоурум' },
} as const;

type Person = (typeof DEMO_PEOPLE)[keyof typeof DEMO_PEOPLE];

/**
 * Where the demo starts (Monday 12 October 2026, 09:00 in Almaty: the zones of growth of October,
 * whose rechecks fall due in November) and the "now" it ends at. The cases' week starts on Monday
 * 16 November.
 */
export const DEMO_START = local('2026-10-12T09:00');
export const DEMO_NOW = local('2026-11-23T11:40');

export const DEMO_SPREADSHEET: NewSpreadsheetOptions = {
  name: 'Арбитр — ДЕМО',
  locale: 'ru_RU',
  timeZone: 'Asia/Almaty',
  owner: DEMO_PEOPLE.lead.email,
};

const DEMO_TAB = 'О демо';
const DEMO_NOTICE = [
  ['Это демонстрационная книга Арбитра (песочница npm start).'],
  [
    'Компания «Демо-Кухни», её сотрудники, клиенты, телефоны и заказы вымышлены; адреса — в зарезервированном домене .example.',
  ],
  ['Письма никуда не уходят: они лежат в папке .arbiter/outbox и видны на панели «Почта» песочницы.'],
  ['Начать заново: npm start -- --fresh'],
];

/** Orders per ISO week of the made-up shop (2026-W46 typed as its Monday, as people do). */
const DEMO_ORDERS: Array<[string | Date, number]> = [
  ['2026-W43', 296],
  ['2026-W44', 312],
  ['2026-W45', 287],
  [new Date(local('2026-11-09T00:00')), 334],
  ['2026-W47', 341],
];

interface CaseState {
  id: string;
  version: number;
  status: string;
}

export interface DemoSummary {
  cases: string[];
  now: number;
}

/** Builds the demo in a new, empty emulator created with DEMO_SPREADSHEET and `now: DEMO_START`. */
export function seedDemo(emulator: Emulator): DemoSummary {
  const script = new DemoScript(emulator);
  script.setUp();
  const zones = new DemoZones(script, DEMO_PEOPLE);
  zones.october();
  script.typeOrders();
  script.week();
  zones.monday({ bypass: script.caseOfOrder('К-24802'), facade: script.caseOfOrder('К-24817') });
  script.at('2026-11-23T11:40');
  script.refreshDashboard();
  return { cases: script.caseIds(), now: emulator.clock.now() };
}

class DemoScript {
  private readonly cases = new Map<string, CaseState>();

  constructor(private readonly emulator: Emulator) {}

  caseIds(): string[] {
    return [...this.cases.keys()];
  }

  /**
   * Moves the virtual clock to a local time in Almaty (installed time triggers fire on the way);
   * `jump`: as when Apps Script misses firings, each fires once, where the clock lands.
   */
  at(isoLocal: string, jump = false): void {
    const target = local(isoLocal);
    if (target < this.emulator.clock.now()) throw new Error(`demo: ${isoLocal} is in the past of the script`);
    this.emulator.advanceTo(target, jump ? { missed: 'once' } : {});
  }

  /** The demo case of an order (the first registered). */
  caseOfOrder(orderNo: string): string | undefined {
    return this.call<{ items: Array<{ id: string; orderNo: string }> }>(DEMO_PEOPLE.lead, 'apiListCases', {
      text: orderNo,
    }).items.find((c) => c.orderNo === orderNo)?.id;
  }

  call<T>(user: Person, functionName: string, ...args: unknown[]): T {
    return this.emulator.scriptRun<T>(functionName, args, { user: user.email });
  }

  setUp(): void {
    const { lead } = DEMO_PEOPLE;
    this.emulator.run('setupWorkbook', [], { user: lead.email, trigger: 'menu' });
    const settings = this.call<DemoSettings>(lead, 'apiGetSettings');
    const people = Object.values(DEMO_PEOPLE);
    settings.team = people.map(({ email, name, role, team }) => ({ email, name, role, team }));
    const owners: Record<string, [Person, Person]> = {
      Производство: [DEMO_PEOPLE.production, DEMO_PEOPLE.productionHead],
      Склад: [DEMO_PEOPLE.warehouse, DEMO_PEOPLE.warehouseHead],
      Логистика: [DEMO_PEOPLE.logistics, DEMO_PEOPLE.logisticsHead],
      Монтаж: [DEMO_PEOPLE.installation, DEMO_PEOPLE.installationHead],
      ОТК: [DEMO_PEOPLE.qc, DEMO_PEOPLE.qcHead],
    };
    for (const department of settings.departments) {
      const [owner, head] = owners[department.name] ?? [];
      if (owner && head) Object.assign(department, { owners: [owner.email], head: head.email });
    }
    settings.escalation = { coo: DEMO_PEOPLE.coo.email, ceo: DEMO_PEOPLE.ceo.email };
    this.call(lead, 'apiSaveSettings', settings);
    this.labelAsDemo();
    this.emulator.openDocument(lead.email);
  }

  /**
   * The lead types the shop's orders per ISO week into the Orders tab, as a person would: the four
   * weeks before the demo's week and that week (one as a date); the current week (2026-W48) is left
   * empty, so the dashboard shows what a week without an order count looks like.
   */
  typeOrders(): void {
    const ss = this.asLead();
    const sheet = ss.getSheetByName('Заказы');
    if (!sheet) throw new Error('demo: no Orders tab after setup');
    sheet.getRange(2, 1, DEMO_ORDERS.length, 2).setValues(DEMO_ORDERS);
  }

  /** The lead refreshes the dashboard from the menu, so the sandbox opens on today's figures. */
  refreshDashboard(): void {
    this.emulator.run('refreshDashboard', [], { user: DEMO_PEOPLE.lead.email, trigger: 'menu' });
  }

  private asLead(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    const env = createExecutionEnv({
      state: this.emulator.state,
      clock: this.emulator.clock,
      user: { email: DEMO_PEOPLE.lead.email },
    });
    return createSpreadsheetApp(env).getActiveSpreadsheet();
  }

  /** The first tab (the one every new spreadsheet has) says what this workbook is, as a person would write it. */
  private labelAsDemo(): void {
    const env = createExecutionEnv({
      state: this.emulator.state,
      clock: this.emulator.clock,
      user: { email: DEMO_PEOPLE.lead.email },
    });
    const ss = createSpreadsheetApp(env).getActiveSpreadsheet();
    const active = ss.getActiveSheet();
    const first = ss.getSheets()[0];
    if (!first) return;
    first.setName(DEMO_TAB);
    first.getRange(1, 1, DEMO_NOTICE.length, 1).setValues(DEMO_NOTICE);
    first.getRange(1, 1).setFontWeight('bold');
    first.setColumnWidth(1, 900);
    first.setTabColor('#f9ab00');
    ss.setActiveSheet(active);
  }

  private register(agent: Person, input: Registration): string {
    const view = this.call<CaseState>(agent, 'apiRegisterCase', {
      channel: 'WhatsApp',
      source: 'Обращение клиента',
      evidence: [],
      ...input,
    });
    this.cases.set(view.id, view);
    return view.id;
  }

  private remember(view: CaseState): void {
    this.cases.set(view.id, view);
  }

  private version(id: string): number {
    const known = this.cases.get(id);
    if (!known) throw new Error(`demo: unknown case ${id}`);
    return known.version;
  }

  private firstResponse(id: string, agent: Person): void {
    this.remember(this.call(agent, 'apiRecordFirstResponse', id, { version: this.version(id) }));
  }

  private move(id: string, user: Person, to: string, fields: Record<string, unknown> = {}): void {
    this.remember(this.call(user, 'apiTransition', id, { to, version: this.version(id), ...fields }));
  }

  private update(id: string, user: Person, fields: Record<string, unknown>): void {
    this.remember(this.call(user, 'apiUpdateCase', id, { version: this.version(id), ...fields }));
  }

  /** Monday 16 to Monday 23 November 2026: what a kitchen-furniture client service lives through. */
  week(): void {
    const P = DEMO_PEOPLE;
    const { dina, timur, lead } = P;

    // Monday 16: a delivery moved for the second time; an installation crew short of hinges.
    this.at('2026-11-16T09:40');
    const lateDelivery = this.register(dina, {
      orderNo: 'К-24791',
      client: 'Ольга Кравченко',
      contact: '+7 701 555 0147',
      channel: 'Telegram',
      kind: 'Срыв сроков',
      summary:
        'Доставку кухни перенесли второй раз (было 14.11, потом 16.11), клиентку не предупредили заранее. ' +
        'Взяла отгул под доставку, просит точное окно и компенсацию.',
      criticality: 'C',
      ownerDept: 'Логистика',
    });
    this.at('2026-11-16T09:58');
    this.firstResponse(lateDelivery, dina);
    this.move(lateDelivery, dina, 'in_progress', { note: 'Логистика подтверждает окно на 17.11, 10:00–13:00' });

    this.at('2026-11-16T11:15');
    const shortHinges = this.register(timur, {
      orderNo: 'К-24755',
      client: 'Нурлан Жаксылыков',
      contact: '+7 705 555 0318',
      source: 'Монтажная бригада',
      kind: 'Некомплект',
      summary:
        'Бригада на сборке: не хватает 6 петель Blum CLIP top и 2 направляющих TANDEMBOX для нижних ящиков. ' +
        'Монтаж остановлен на половине.',
      evidence: ['https://files.demo-kuhni.example/24755/upakovochnyj-list.jpg'],
      criticality: 'B',
      ownerDept: 'Производство',
      stopShipment: false,
    });
    this.at('2026-11-16T11:32');
    this.firstResponse(shortHinges, timur);
    // The packing list shows the hardware was never picked: the warehouse owns it, not production.
    this.update(shortHinges, timur, { ownerDept: 'Склад' });
    this.move(shortHinges, timur, 'in_progress');

    // Tuesday 17: the delivery arrives; a manager promised what production cannot do.
    this.at('2026-11-17T12:10');
    this.move(lateDelivery, P.logistics, 'resolved', {
      resolution: 'Кухню доставили 17.11 в 11:20, в оговорённое окно. Клиентке начислена скидка 3 % на монтаж.',
    });
    this.at('2026-11-17T12:40');
    const bypass = this.register(dina, {
      orderNo: 'К-24802',
      client: 'Елена Воробьёва',
      contact: '+7 777 555 0261',
      channel: 'Телефон',
      source: 'Менеджер продаж',
      kind: 'Ошибка коммуникации менеджера',
      summary:
        'Менеджер пообещал клиентке монтаж 20.11, не согласовав с КС и производством. По графику цеха фасады ' +
        'будут готовы только 27.11. Клиентка уже договорилась с электриком на 20.11.',
      criticality: 'B',
      ownerDept: 'Производство',
      manager: P.sales.name,
      team: P.sales.team,
      bypass: true,
    });
    this.at('2026-11-17T13:05');
    this.firstResponse(bypass, dina);
    this.move(bypass, dina, 'in_progress');

    this.at('2026-11-17T14:30');
    this.move(shortHinges, P.warehouse, 'resolved', {
      resolution: 'Петли и направляющие довезли на объект 17.11 в 14:10, бригада закончила сборку.',
    });

    this.at('2026-11-17T15:30');
    const chippedEdge = this.register(timur, {
      orderNo: 'К-24688',
      client: 'Асель Мукашева',
      contact: 'a.mukasheva@mail.example',
      channel: 'Email',
      kind: 'Брак',
      summary: 'Скол кромки на дверце шкафа-пенала (правый нижний угол), заметили через неделю после монтажа.',
      evidence: ['https://files.demo-kuhni.example/24688/skol-kromki.jpg'],
      criticality: 'C',
      ownerDept: 'Производство',
    });
    this.at('2026-11-17T16:10');
    this.firstResponse(chippedEdge, timur);
    this.move(chippedEdge, timur, 'in_progress');

    // Wednesday 18: close Monday's cases; a countertop that does not fit; two facades of another shade.
    this.at('2026-11-18T10:00');
    this.move(lateDelivery, lead, 'closed', {
      rootCause: 'Нарушение срока доставки',
      prevention: 'Подтверждать клиенту окно доставки накануне, после загрузки машины',
      csat: 4,
      nps: 7,
    });
    this.move(shortHinges, lead, 'closed', {
      rootCause: 'Ошибка комплектации на складе',
      prevention: 'Сверка фурнитуры со спецификацией при упаковке, подпись кладовщика в упаковочном листе',
      csat: 4,
      nps: 8,
    });

    this.at('2026-11-18T11:05');
    const countertop = this.register(dina, {
      orderNo: 'К-24810',
      client: 'Дмитрий Соколов',
      contact: '+7 702 555 0433',
      channel: 'Лично',
      source: 'Монтажная бригада',
      kind: 'Проблема монтажа',
      summary: 'Столешница не входит в нишу: длиннее на 12 мм. Замер делали до штукатурки стен.',
      evidence: ['https://files.demo-kuhni.example/24810/nisha-zamer.jpg'],
      criticality: 'B',
      ownerDept: 'Монтаж',
    });
    this.at('2026-11-18T11:20');
    this.firstResponse(countertop, dina);
    this.move(countertop, dina, 'in_progress');

    this.at('2026-11-18T16:45');
    const shade = this.register(timur, {
      orderNo: 'К-24799',
      client: 'Ерлан Тулегенов',
      contact: '+7 747 555 0190',
      kind: 'Брак',
      summary: 'Разнотон фасадов: два фасада верхних шкафов заметно светлее остальных (МДФ, эмаль RAL 9010).',
      evidence: ['https://files.demo-kuhni.example/24799/raznoton.jpg'],
      criticality: 'B',
      ownerDept: 'ОТК',
    });
    this.at('2026-11-18T17:10');
    this.firstResponse(shade, timur);
    this.move(shade, timur, 'in_progress');

    // Thursday 19: the countertop is trimmed on site; a damaged countertop arrives; a duplicate.
    this.at('2026-11-19T10:30');
    this.move(countertop, P.installation, 'resolved', {
      resolution: 'Мастер подрезал столешницу на месте и переклеил кромку, клиент принял работу.',
    });
    this.at('2026-11-19T11:00');
    const cracked = this.register(dina, {
      orderNo: 'К-24833',
      client: 'Гаухар Есенова',
      contact: '+7 701 555 0562',
      source: 'Монтажная бригада',
      kind: 'Повреждение',
      summary:
        'Столешница из кварцевого агломерата пришла с трещиной 15 см у мойки. Упаковка целая, ' +
        'вероятно, повредили при погрузке. Монтаж перенесён.',
      evidence: [
        'https://files.demo-kuhni.example/24833/treschina-1.jpg',
        'https://files.demo-kuhni.example/24833/treschina-2.jpg',
      ],
      criticality: 'B',
      ownerDept: 'Логистика',
      stopShipment: true,
    });
    this.at('2026-11-19T11:25');
    this.firstResponse(cracked, dina);
    this.move(cracked, dina, 'in_progress', { note: 'Заказана новая столешница у поставщика, срок 7 дней' });

    this.at('2026-11-19T12:15');
    const duplicate = this.register(timur, {
      orderNo: 'К-24833',
      client: 'Гаухар Есенова',
      contact: '+7 701 555 0562',
      channel: 'Instagram',
      kind: 'Повреждение',
      summary: 'Клиентка написала в директ про трещину на столешнице.',
      criticality: 'B',
      ownerDept: 'Логистика',
      // The form showed the open case with this order; Timur registered anyway, and the lead cancels it.
      acknowledgedMatches: [cracked],
    });
    this.at('2026-11-19T12:30');
    this.move(duplicate, lead, 'cancelled', { reason: `Дубль обращения ${cracked}: клиентка написала в два канала` });

    this.at('2026-11-19T15:00');
    this.move(countertop, lead, 'closed', {
      rootCause: 'Ошибка замера или проекта',
      prevention: 'Контрольный замер ниши после штукатурки, до запуска столешницы в производство',
      csat: 5,
      nps: 9,
    });

    // Friday 20: the chipped door is replaced and closed; the client waits for photos of her order.
    this.at('2026-11-20T11:40');
    this.move(chippedEdge, P.production, 'resolved', {
      resolution: 'Изготовили и заменили дверцу пенала 20.11.',
    });
    this.at('2026-11-20T12:00');
    this.move(chippedEdge, lead, 'closed', { rootCause: 'Производственный брак', csat: 4 });
    this.at('2026-11-20T16:45');
    const photos = this.register(timur, {
      orderNo: 'К-24841',
      client: 'Максим Ли',
      contact: '+7 708 555 0275',
      channel: 'Instagram',
      kind: 'Срыв сроков',
      summary:
        'Клиенту обещали прислать фото упакованного заказа до доставки ещё в четверг, фото так и нет. ' +
        'Пишет, что отменит доставку, пока не увидит фасады.',
      criticality: 'C',
      ownerDept: 'Склад',
    });
    this.at('2026-11-20T17:05');
    this.firstResponse(photos, timur);
    this.move(photos, timur, 'in_progress');
    this.at('2026-11-20T18:30');
    this.move(bypass, dina, 'waiting_client', {
      note: 'Предложили монтаж 27.11 или 28.11, ждём ответа клиентки',
    });

    // Saturday 21: installation day, a scratched facade and missing hardware, the client filming
    // stories; a production delay nobody told the client about.
    this.at('2026-11-21T11:30');
    const facade = this.register(dina, {
      orderNo: 'К-24817',
      client: 'Айгерим Сапарова',
      contact: '+7 701 555 0102',
      source: 'Монтажная бригада',
      kind: 'Повреждение',
      summary:
        'День монтажа: царапина 20 см на фасаде верхнего шкафа над вытяжкой, не хватает 4 ручек и 2 ' +
        'доводчиков. Монтажники на объекте, клиентка снимает сторис в Instagram.',
      evidence: [
        'https://files.demo-kuhni.example/24817/fasad-carapina.jpg',
        'https://files.demo-kuhni.example/24817/video-montazh.mp4',
      ],
      criticality: 'A',
      ownerDept: 'Производство',
      stopShipment: true,
    });
    this.at('2026-11-21T11:42');
    this.firstResponse(facade, dina);
    this.move(facade, dina, 'in_progress', {
      note: 'Ручки и доводчики везёт склад, фасад ставим в срочное изготовление',
    });

    this.at('2026-11-21T12:40');
    this.register(dina, {
      orderNo: 'К-24779',
      client: 'Светлана Ковалёва',
      contact: '+7 775 555 0341',
      channel: 'Телефон',
      kind: 'Срыв сроков',
      summary:
        'Производство фасадов МДФ (эмаль) задерживается на 5 рабочих дней, клиентку никто не предупредил. ' +
        'Узнала сама, позвонив менеджеру.',
      criticality: 'B',
      ownerDept: 'Производство',
    });

    // The shade problem is solved on Saturday; the lead has not closed it yet.
    this.at('2026-11-21T16:20');
    this.move(shade, P.qc, 'resolved', {
      resolution: 'Два фасада перекрашены в одной партии с остальными, цвет сверен по эталону.',
    });

    // Monday 23: the chipped door comes back in another shade (reopened); a new missing plinth.
    this.at('2026-11-23T09:25');
    this.register(timur, {
      orderNo: 'К-24850',
      client: 'Бекзат Оспанов',
      contact: '+7 700 555 0418',
      kind: 'Некомплект',
      summary: 'Не доложили цоколь 2,4 м и заглушки цоколя. Сборка назначена на завтра.',
      criticality: 'C',
      ownerDept: 'Склад',
    });
    this.at('2026-11-23T10:05');
    this.move(chippedEdge, lead, 'reopened', {
      note: 'Клиентка пишет, что новая дверца отличается по оттенку от остальных',
    });
    this.move(chippedEdge, timur, 'in_progress');
  }
}

interface Registration {
  /** The open cases with the same order or phone that the agent saw and registered beside. */
  acknowledgedMatches?: string[];
  orderNo: string;
  client: string;
  contact: string;
  channel?: string;
  source?: string;
  kind: string;
  summary: string;
  evidence?: string[];
  criticality: 'A' | 'B' | 'C';
  ownerDept: string;
  manager?: string;
  team?: string;
  bypass?: boolean;
  stopShipment?: boolean;
}

interface DemoSettings {
  team: Array<{ email: string; name: string; role: string; team: string }>;
  departments: Array<{ name: string; owners: string[]; head: string }>;
  escalation: { coo: string; ceo: string };
}
