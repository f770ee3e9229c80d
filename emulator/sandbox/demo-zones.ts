/**
 * The demo's zones of growth and CSI comments (part of the demo workbook, demo.ts): client service
 * finds managers' errors in recorded meetings, calls and requests from October on, the sales teams'
 * leaders hold briefings, answer for process errors and appeal, the CS lead decides the appeals
 * and the rechecks a month later pass or find the error repeated. Everything goes through the
 * add-on's API as the people would use it, at their own (virtual) times.
 *
 * Nothing here is real: the managers, clients, orders and recordings are invented; links use the
 * reserved `.example` domain.
 */

interface Person {
  email: string;
}

/** Who does what: client service logs, the teams' leaders answer, the lead decides. */
export interface ZonePeople {
  lead: Person;
  dina: Person;
  timur: Person;
  /** The leaders of Продажи-1, Продажи-2 and Шоурум. */
  salesLeader1: Person;
  salesLeader: Person;
  showroomLeader: Person;
}

export interface ZoneScript {
  at(isoLocal: string, jump?: boolean): void;
  call<T>(user: Person, functionName: string, ...args: unknown[]): T;
}

interface Entry {
  id: string;
  version: number;
  status: string;
}

const REC = 'https://rec.demo-kuhni.example';

export class DemoZones {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly script: ZoneScript,
    private readonly p: ZonePeople,
  ) {}

  private log(by: Person, key: string, input: Record<string, unknown>): void {
    this.entries.set(key, this.script.call<Entry>(by, 'apiLogGrowthZone', input));
  }

  private move(key: string, by: Person, to: string, fields: Record<string, unknown> = {}): void {
    const entry = this.entries.get(key);
    if (!entry) throw new Error(`demo: unknown zone of growth ${key}`);
    // The person opens the entry first, as in the sidebar: the schedule may have moved it since
    // (the monthly job turns a briefing held a month ago into a recheck due).
    const current = this.script.call<Entry>(by, 'apiGetGrowthZone', entry.id);
    this.entries.set(
      key,
      this.script.call<Entry>(by, 'apiMoveGrowthZone', entry.id, { to, version: current.version, ...fields }),
    );
  }

  private csi(by: Person, input: Record<string, unknown>): void {
    this.script.call(by, 'apiLogCsi', input);
  }

  private team(name: 'Продажи-1' | 'Продажи-2' | 'Шоурум') {
    const leader = { 'Продажи-1': this.p.salesLeader1, 'Продажи-2': this.p.salesLeader, Шоурум: this.p.showroomLeader };
    return { team: name, teamLeaderEmail: leader[name].email };
  }

  /** Monday 12 to Friday 16 October: a week of listening to recordings, briefings and two appeals. */
  october(): void {
    const { lead, dina, timur, salesLeader1, salesLeader, showroomLeader } = this.p;

    this.script.at('2026-10-12T10:30');
    this.log(dina, 'promise', {
      manager: 'Ислам Бекетов',
      ...this.team('Продажи-2'),
      source: 'online_meeting',
      category: 'communication',
      standard: 'Сроки изготовления и монтажа называем только после подтверждения КС',
      link: `${REC}/meet/2026-10-09-beketov`,
      description:
        'На онлайн-встрече с клиентом пообещал монтаж «через две недели», не сверившись с графиком цеха. ' +
        'По графику срок — четыре недели.',
    });
    this.script.at('2026-10-12T15:10');
    this.log(timur, 'interrupts', {
      manager: 'Аружан Касымова',
      ...this.team('Продажи-1'),
      source: 'outbound_call',
      category: 'communication',
      standard: 'Выясняем потребность клиента до предложения комплектации',
      link: `${REC}/calls/2026-10-12-kasymova-0412`,
      description: 'Перебивала клиентку, сразу предложила дорогую столешницу, не спросив о бюджете и размерах кухни.',
    });
    this.script.at('2026-10-13T09:30');
    this.move('promise', salesLeader, 'briefing_scheduled', { date: '2026-10-13' });
    this.move('interrupts', salesLeader1, 'briefing_scheduled', { date: '2026-10-14' });
    this.script.at('2026-10-13T11:00');
    this.log(dina, 'noMeasure', {
      manager: 'Алина Ким',
      ...this.team('Шоурум'),
      source: 'request',
      category: 'process',
      standard: 'Заказ запускаем в производство только после контрольного замера',
      description:
        'Клиент оформил кухню в шоуруме по своим размерам, замерщик не выезжал. Корпус не встал в нишу: ' +
        'переделка двух модулей.',
    });
    this.script.at('2026-10-13T17:30');
    this.move('promise', salesLeader, 'briefing_held', { note: 'Разобрали звонок, Ислам повторил регламент сроков' });
    this.script.at('2026-10-14T10:00');
    this.log(timur, 'noFollowUp', {
      manager: 'Жанар Тлеубаева',
      ...this.team('Продажи-2'),
      source: 'online_meeting',
      category: 'communication',
      standard: 'После встречи в тот же день отправляем клиенту итог и смету',
      link: `${REC}/meet/2026-10-13-tleubaeva`,
      description: 'После онлайн-встречи клиент три дня ждал смету и написал в КС, что о нём забыли.',
    });
    this.script.at('2026-10-14T16:00');
    this.move('interrupts', salesLeader1, 'briefing_held', {
      note: 'Прослушали запись вместе, отработали вопросы о бюджете',
    });
    this.script.at('2026-10-15T10:20');
    this.move('noMeasure', showroomLeader, 'briefing_held', {
      processAnswer:
        'Шоурум оформлял заказы без замера, если клиент приносил свой план. Теперь заказ без акта замера ' +
        'не уходит в производство: программа не даёт его отправить.',
    });
    this.move('noFollowUp', salesLeader, 'briefing_scheduled', { date: '2026-10-15' });
    this.script.at('2026-10-15T12:00');
    this.log(dina, 'callback', {
      manager: 'Ерболат Нуров',
      ...this.team('Шоурум'),
      source: 'outbound_call',
      category: 'communication',
      standard: 'Перезваниваем клиенту в обещанное время',
      link: `${REC}/calls/2026-10-14-nurov-1130`,
      description: 'Обещал перезвонить в 15:00 с расчётом, перезвонил на следующий день.',
    });
    this.script.at('2026-10-15T14:30');
    this.log(timur, 'prepayment', {
      manager: 'Тимур Сагинбаев',
      ...this.team('Продажи-1'),
      source: 'request',
      category: 'process',
      standard: 'Предоплату принимаем только по выставленному счёту',
      description: 'Клиент перевёл предоплату на карту по реквизитам из WhatsApp, оплата две недели не могла найтись.',
    });
    this.script.at('2026-10-15T18:00');
    this.move('noFollowUp', salesLeader, 'briefing_held');
    this.script.at('2026-10-16T10:00');
    this.move('callback', showroomLeader, 'appealed', {
      reason: 'Клиент сам попросил перезвонить на следующий день: это слышно в конце записи (04:50).',
    });
    this.move('prepayment', salesLeader1, 'appealed', {
      reason: 'Реквизиты клиенту отправила бухгалтерия, а не менеджер.',
    });
    this.script.at('2026-10-16T15:00');
    this.move('callback', lead, 'accepted', { reason: 'Прослушали запись: клиент сам перенёс звонок. Ошибки нет.' });

    // Comments about managers that clients left in October.
    this.csi(dina, {
      at: '2026-10-09',
      manager: 'Ислам Бекетов',
      role: 'sales',
      team: 'Продажи-2',
      comment: 'Менеджер обещал одно, по факту другое. Сроки сдвигали дважды.',
      score: 2,
      orderNo: 'К-24511',
    });
    this.csi(timur, {
      at: '2026-10-14',
      manager: 'Ерболат Нуров',
      role: 'showroom',
      team: 'Шоурум',
      comment: 'В шоуруме консультант был занят телефоном, образцы фасадов пришлось искать самим.',
      score: 2,
    });
    this.csi(dina, {
      at: '2026-10-16',
      manager: 'Аружан Касымова',
      role: 'sales',
      team: 'Продажи-1',
      comment: 'Навязывали дорогие варианты, мой бюджет не слушали.',
      score: 3,
      orderNo: 'К-24580',
    });

    // Five weeks pass: as when Apps Script misses firings, the schedule fires once, where the clock lands.
    this.script.at('2026-11-16T09:00', true);
  }

  /**
   * Monday 23 November, after the cases' week: the rechecks of October (one passes, one finds the
   * error repeated in a case of last week), the new entries of the week's recordings, an appeal
   * rejected and a new one filed; and the CSI comments of November.
   */
  monday(cases: { bypass?: string; facade?: string }): void {
    const { lead, dina, timur, salesLeader1, salesLeader } = this.p;

    this.script.at('2026-11-23T10:10');
    this.move('interrupts', timur, 'passed', {
      note: 'Прослушали пять звонков ноября: потребность выясняет, бюджет спрашивает.',
    });
    this.move('promise', dina, 'repeated', {
      note: `Снова пообещал монтаж без согласования: кейс ${cases.bypass ?? 'К-24802'}.`,
    });
    this.move('prepayment', lead, 'rejected', {
      reason: 'Счёт менеджер не выставил, а реквизиты из WhatsApp принял как есть: процесс оплаты на нём.',
    });

    this.script.at('2026-11-23T10:20');
    this.log(dina, 'bypass', {
      manager: 'Ислам Бекетов',
      ...this.team('Продажи-2'),
      source: 'request',
      category: 'communication',
      standard: 'Сроки изготовления и монтажа называем только после подтверждения КС',
      description:
        `Пообещал клиентке монтаж 20.11, не согласовав с КС и производством (кейс ${cases.bypass ?? 'К-24802'}). ` +
        'Фасады будут готовы только 27.11.',
    });
    this.move('bypass', salesLeader, 'briefing_scheduled', { date: '2026-11-24', note: 'Разбор вместе с КС' });

    this.script.at('2026-11-23T10:35');
    this.log(timur, 'handover', {
      manager: 'Алина Ким',
      ...this.team('Шоурум'),
      source: 'online_meeting',
      category: 'process',
      standard: 'При передаче заказа в производство прикладываем согласованный эскиз',
      link: `${REC}/meet/2026-11-20-kim`,
      description: 'В производство ушёл эскиз без последних правок клиентки: ручки не того цвета.',
    });

    this.script.at('2026-11-23T10:50');
    this.log(dina, 'script', {
      manager: 'Тимур Сагинбаев',
      ...this.team('Продажи-1'),
      source: 'outbound_call',
      category: 'communication',
      standard: 'Представляемся и называем компанию в начале звонка',
      link: `${REC}/calls/2026-11-19-saginbaev-1005`,
      description: 'Звонок начат без приветствия и названия компании, клиент решил, что это спам, и положил трубку.',
    });
    this.move('script', salesLeader1, 'briefing_scheduled', { date: '2026-11-23' });

    this.script.at('2026-11-23T11:05');
    this.log(timur, 'tone', {
      manager: 'Жанар Тлеубаева',
      ...this.team('Продажи-2'),
      source: 'online_meeting',
      category: 'communication',
      standard: 'Говорим с клиентом спокойно, без оценок его решений',
      link: `${REC}/meet/2026-11-20-tleubaeva`,
      description: 'На встрече назвала выбор клиента «непрактичным» и спорила о цвете фасадов.',
    });
    this.move('script', salesLeader1, 'briefing_held', { note: 'Отработали начало звонка по скрипту' });

    this.script.at('2026-11-23T11:20');
    this.move('tone', salesLeader, 'appealed', {
      reason: 'Клиент сам спросил мнение о практичности глянца; оценку менеджер дала по его просьбе.',
    });
    this.log(dina, 'delivery', {
      manager: 'Аружан Касымова',
      ...this.team('Продажи-1'),
      source: 'request',
      category: 'process',
      standard: 'Дату доставки называем клиенту только из графика логистики',
      description: 'Клиенту назвали дату доставки из старого графика, логистика о ней не знала.',
    });

    // November's comments, one of them about last week's case.
    this.csi(dina, {
      at: '2026-11-17',
      manager: 'Ислам Бекетов',
      role: 'sales',
      team: 'Продажи-2',
      comment: 'Пообещали монтаж 20-го, я договорилась с электриком, а теперь переносят на неделю.',
      score: 1,
      ...(cases.bypass ? { caseId: cases.bypass } : {}),
      orderNo: 'К-24802',
    });
    this.csi(timur, {
      at: '2026-11-18',
      manager: 'Алина Ким',
      role: 'showroom',
      team: 'Шоурум',
      comment: 'В шоуруме не смогли показать образец кварцевой столешницы, который есть на сайте.',
      score: 3,
    });
    this.csi(dina, {
      at: '2026-11-19',
      manager: 'Жанар Тлеубаева',
      role: 'sales',
      team: 'Продажи-2',
      comment: 'Смету прислали только после второго напоминания.',
      score: 2,
      orderNo: 'К-24836',
    });
    this.csi(timur, {
      at: '2026-11-21',
      manager: 'Тимур Сагинбаев',
      role: 'sales',
      team: 'Продажи-1',
      comment: 'Менеджер не перезвонил, как обещал, пришлось звонить самой.',
      score: 2,
    });
    this.csi(dina, {
      at: '2026-11-22',
      manager: 'Ерболат Нуров',
      role: 'showroom',
      team: 'Шоурум',
      comment: 'Консультант в шоуруме спорил со мной о цвете фасадов вместо того, чтобы показать варианты.',
      score: 2,
      ...(cases.facade ? { caseId: cases.facade } : {}),
    });
  }
}
