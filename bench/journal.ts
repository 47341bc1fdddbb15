/**
 * The social journal of the bench data set, made in SQL from the cases already loaded: a few
 * long-running cases with `perHeavyCase` signed entries each (one per agency in turn, for the
 * journal page), and the rest of `total` spread thinly over every other case (an exponential
 * spread: most cases a few entries, some many). Set-based – `INSERT … SELECT` over
 * `generate_series`, batches of BATCH_ENTRIES, each its own statement (and commit), two at a time.
 *
 * Texts are short notes put together from stock sentences in the agencies' languages (Norwegian,
 * English, Russian, Chinese), three to a note, with whom the information came from when it was
 * received; the search column is `searchVectorOf`'s own SQL
 * (journal.store.ts), rendered with the row's words and extra terms in place of its parameters,
 * so the index holds what the app would put there. Every distinct note (48 384 of them) gets its
 * words and extra terms (`searchTerms`) from the app's own functions and its vector from that SQL
 * once; the entries take theirs by number.
 */

import { PgDialect } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { searchVectorOf } from '../src/areas/journal/journal.store.ts';
import { searchTerms } from '../src/areas/journal/search-terms.rules.ts';

/** Entries per statement (and commit). */
const BATCH_ENTRIES = 100_000;
/** Statements at once: one per core. */
const IN_FLIGHT = 2;

/** The agencies' languages in the bench data set: the journal is written in all four. */
export const BENCH_AGENCY_LANGUAGES = ['nb', 'en', 'ru', 'zh-Hans'] as const;

/** Per language: what happened, what was said or seen, what comes next – twelve of each. */
const SENTENCES: Record<(typeof BENCH_AGENCY_LANGUAGES)[number], [string[], string[], string[]]> = {
  nb: [
    [
      'Møte med brukeren på kontoret.',
      'Hjemmebesøk sammen med kollega.',
      'Telefonsamtale med brukeren om situasjonen.',
      'Brukeren kom innom uten avtale.',
      'Samtale med mor og datter.',
      'Oppfølgingsmøte etter forrige uke.',
      'Kort samtale på telefon før helgen.',
      'Felles møte med NAV og fastlegen.',
      'Brukeren møtte til avtalt tid.',
      'Samtale med tolk til stede.',
      'Hjemmebesøk etter melding fra naboen.',
      'Møte om husleie og strømregning.',
    ],
    [
      'Hun forteller at husleien for mars ikke er betalt og at utleier har sendt varsel.',
      'Han sier at det går bedre med søvnen, men at pengene ikke strekker til.',
      'Vi gikk gjennom budsjettet sammen og satte opp en plan for de neste ukene.',
      'Barna er friske og går på skolen, men eldste sønn har mye fravær.',
      'Brukeren er bekymret for gjelden og ønsker hjelp til å kontakte inkasso.',
      'Leiligheten er ryddig, men det er lite mat i kjøleskapet.',
      'Hun har fått tilbud om språkkurs og vil begynne i neste måned.',
      'Han har ikke tatt kontakt med fastlegen slik vi avtalte.',
      'Det er fortsatt konflikt med utleier om depositumet.',
      'Brukeren ønsker å søke om startlån og trenger hjelp med skjemaet.',
      'Hun sier hun føler seg ensom etter flyttingen og savner familien.',
      'Vi snakket om muligheten for arbeidspraksis i kommunen.',
    ],
    [
      'Ny samtale avtalt om to uker.',
      'Søknad om økonomisk stønad sendes i dag.',
      'Brukeren tar med kontoutskrifter til neste møte.',
      'Jeg kontakter boligkontoret i morgen.',
      'Avtalt at brukeren ringer hvis noe endrer seg.',
      'Følges opp på neste hjemmebesøk.',
      'Leder er orientert.',
      'Samtykke til kontakt med skolen er gitt.',
      'Tolk bestilles til neste gang.',
      'Brukeren fikk informasjon om gjeldsrådgivning.',
      'Ingen nye tiltak nå.',
      'Neste steg: møte med veileder i NAV.',
    ],
  ],
  en: [
    [
      'Meeting with the person at the office.',
      'Home visit together with a colleague.',
      'Phone call with the person about the situation.',
      'The person dropped in without an appointment.',
      'Conversation with the mother and her daughter.',
      'Follow-up meeting after last week.',
      'Short call before the weekend.',
      'Joint meeting with the job centre and the GP.',
      'The person came at the agreed time.',
      'Conversation with an interpreter present.',
      'Home visit after a call from a neighbour.',
      'Meeting about rent and the electricity bill.',
    ],
    [
      'She says the rent for March is unpaid and the landlord has sent a notice.',
      'He sleeps better now, but the money does not last the month.',
      'We went through the budget together and made a plan for the coming weeks.',
      'The children are well and at school, but the eldest son misses many days.',
      'The person is worried about debts and wants help contacting the collection agency.',
      'The flat is tidy, but there is little food in the fridge.',
      'She has been offered a language course and will start next month.',
      'He has not contacted the GP as we agreed.',
      'The dispute with the landlord about the deposit goes on.',
      'The person wants to apply for a housing loan and needs help with the form.',
      'She feels lonely since the move and misses her family.',
      'We talked about a work placement with the municipality.',
    ],
    [
      'Next meeting in two weeks.',
      'An application for financial assistance is sent today.',
      'The person will bring bank statements next time.',
      'I will contact the housing office tomorrow.',
      'Agreed that the person calls if anything changes.',
      'To be followed up at the next home visit.',
      'Supervisor informed.',
      'Consent to contact the school was given.',
      'An interpreter will be booked for next time.',
      'The person was told about debt counselling.',
      'No new measures for now.',
      'Next step: meeting with the employment adviser.',
    ],
  ],
  ru: [
    [
      'Встреча с клиентом в офисе.',
      'Визит на дом вместе с коллегой.',
      'Телефонный разговор с клиентом о ситуации.',
      'Клиент пришёл без записи.',
      'Беседа с матерью и дочерью.',
      'Повторная встреча после прошлой недели.',
      'Короткий звонок перед выходными.',
      'Совместная встреча с центром занятости и врачом.',
      'Клиент пришёл в назначенное время.',
      'Беседа в присутствии переводчика.',
      'Визит на дом после звонка соседей.',
      'Встреча по поводу квартплаты и счёта за электричество.',
    ],
    [
      'Она рассказывает, что квартплата за март не оплачена и хозяин прислал предупреждение.',
      'Он говорит, что спит лучше, но денег до конца месяца не хватает.',
      'Мы вместе разобрали бюджет и составили план на ближайшие недели.',
      'Дети здоровы и ходят в школу, но старший сын часто пропускает занятия.',
      'Клиент беспокоится о долгах и просит помочь связаться с коллекторами.',
      'В квартире порядок, но в холодильнике мало еды.',
      'Ей предложили языковые курсы, она начнёт в следующем месяце.',
      'Он так и не обратился к врачу, как мы договаривались.',
      'Спор с хозяином квартиры о залоге продолжается.',
      'Клиент хочет подать заявку на жилищный кредит, и ему нужна помощь с анкетой.',
      'Она чувствует себя одиноко после переезда и скучает по семье.',
      'Мы обсудили возможность практики в коммуне.',
    ],
    [
      'Следующая встреча через две недели.',
      'Заявление на материальную помощь отправлено сегодня.',
      'Клиент принесёт выписки со счёта на следующую встречу.',
      'Завтра свяжусь с жилищным отделом.',
      'Договорились, что клиент позвонит, если что-то изменится.',
      'Продолжить на следующем визите.',
      'Руководитель проинформирован.',
      'Получено согласие на контакт со школой.',
      'На следующий раз будет заказан переводчик.',
      'Клиенту рассказали о консультации по долгам.',
      'Новых мер пока нет.',
      'Следующий шаг: встреча с консультантом по трудоустройству.',
    ],
  ],
  'zh-Hans': [
    [
      '在办公室与当事人会面。',
      '与同事一起家访。',
      '与当事人电话沟通目前情况。',
      '当事人未预约自行来访。',
      '与母亲和女儿谈话。',
      '上周之后的跟进会面。',
      '周末前的简短电话。',
      '与就业中心和家庭医生联合会面。',
      '当事人按约定时间到达。',
      '在翻译在场的情况下谈话。',
      '接到邻居电话后进行家访。',
      '关于房租和电费的会面。',
    ],
    [
      '她说三月份的房租还没有付，房东已经发出通知。',
      '他说睡眠好了一些，但钱不够用到月底。',
      '我们一起查看了预算，并制定了未来几周的计划。',
      '孩子们身体健康，正常上学，但大儿子经常缺课。',
      '当事人担心债务问题，希望帮助联系催收公司。',
      '公寓很整洁，但冰箱里食物很少。',
      '她获得了语言课程的名额，下个月开始上课。',
      '他没有按约定联系家庭医生。',
      '与房东关于押金的纠纷仍在继续。',
      '当事人想申请住房贷款，需要帮助填写表格。',
      '她说搬家后感到孤独，很想念家人。',
      '我们讨论了在市政府实习的可能性。',
    ],
    [
      '两周后再次会面。',
      '今天提交经济援助申请。',
      '当事人下次带银行对账单来。',
      '我明天联系住房办公室。',
      '约定如有变化当事人会打电话。',
      '下次家访时跟进。',
      '已告知主管。',
      '已获得联系学校的同意。',
      '下次预约翻译。',
      '已向当事人介绍债务咨询服务。',
      '目前没有新的措施。',
      '下一步：与就业顾问会面。',
    ],
  ],
};
const PER_SLOT = 12;
/** From whom an 'information_received' entry's information came. */
const INFORMATION_FROM = ['Fastlegen', 'NAV Grünerløkka', 'Skolen', 'Boligkontoret', 'Barnevernet', 'Helsestasjonen'];
const CORRECTION_REASONS = ['Feil dato i notatet', 'Wrong person named in the note', 'Неверно указано время встречи', '记录中的日期有误'];

/** Stock sentences of language `lang` (an index into BENCH_AGENCY_LANGUAGES): slot 0–2, one of twelve. */
const flat = BENCH_AGENCY_LANGUAGES.flatMap((lang) => SENTENCES[lang].flat());
for (const lang of BENCH_AGENCY_LANGUAGES) if (SENTENCES[lang].some((slot) => slot.length !== PER_SLOT)) throw new Error(lang);

/** A note as the generator writes it: language, then the three sentences' numbers. */
export function journalNote(lang: number, a: number, b: number, c: number): { paragraphs: [string, string] } {
  const at = (slot: number, i: number) => flat[lang * 3 * PER_SLOT + slot * PER_SLOT + i]!;
  const joiner = BENCH_AGENCY_LANGUAGES[lang] === 'zh-Hans' ? '' : ' ';
  return { paragraphs: [`${at(0, a)}${joiner}${at(1, b)}`, at(2, c)] };
}

/** The journal's part of the data set. */
export interface JournalSet {
  entries: number;
  /** The long-running cases and their responsible workers, one per agency in turn. */
  heavyCases: { agencyId: number; caseId: string; staffId: string }[];
  entriesPerHeavyCase: number;
  casesWithEntries: number;
  /** Open cases without a heavy journal, with their responsible workers: where journal-append writes. */
  appendCases: { agencyId: number; caseId: string; staffId: string }[];
  /** Seconds of the statements that made the entries. */
  seconds: number;
}

/**
 * `searchVectorOf`'s SQL for the agencies' languages, with `words` and `terms` (SQL expressions)
 * where it takes the entry's words and their extra terms, and the configurations as literals.
 */
export function searchVectorSql(words: string, terms: string, languages: readonly string[]): string {
  const marker = '\u0001words';
  const query = new PgDialect().sqlToQuery(searchVectorOf(marker, languages));
  const extra = searchTerms(marker).join(' ');
  const rendered = query.sql.replace(/\$(\d+)/g, (_, n: string) => {
    const value = query.params[Number(n) - 1];
    if (value === marker) return `(${words})`;
    if (value === extra && Number(n) === 2) return `(${terms})`;
    if (typeof value === 'string' && /^[a-z]+$/.test(value)) return `'${value}'`;
    throw new Error(`searchVectorOf has a parameter the generator does not know: $${n} = ${JSON.stringify(value)}`);
  });
  if (!rendered.includes(`(${terms})`)) throw new Error(`searchVectorOf no longer takes the extra terms second: ${query.sql}`);
  return rendered;
}

/** Statements on `connections` connections at once, each taking the next one left. */
async function onConnections(connections: number, statements: readonly (() => Promise<unknown>)[]): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < statements.length) await statements[next++]!();
    }),
  );
}

export async function generateJournal(
  pool: pg.Pool,
  options: { total: number; heavyCases: number; perHeavyCase: number; seed: number; log: (message: string) => void },
): Promise<JournalSet> {
  const t0 = performance.now();
  const heavyCount = Math.max(0, Math.min(options.heavyCases, Math.floor(options.total / (2 * options.perHeavyCase))));
  // Long-running cases (opened over two years ago, still open), one per agency in turn.
  const heavy = (
    await pool.query<{ agency_id: number; id: string; staff_id: string }>(
      `SELECT agency_id, id, responsible_staff_id AS staff_id FROM (
         SELECT c.agency_id, c.id, c.responsible_staff_id, row_number() OVER (PARTITION BY c.agency_id ORDER BY md5(c.id::text || $2)) AS r
         FROM cases c WHERE c.stage IN ('assessment', 'planning', 'implementation', 'evaluation') AND c.opened_at < now() - interval '2 years') x
       ORDER BY r, agency_id LIMIT $1`,
      [heavyCount, String(options.seed)],
    )
  ).rows;
  const heavyIds = heavy.map((h) => h.id);
  const thinTotal = options.total - heavy.length * options.perHeavyCase;
  await pool.query('DROP TABLE IF EXISTS bench_journal_plan');
  // Per case: how many entries, and the number of its first one among all; who writes, in which language.
  await pool.query(
    `CREATE UNLOGGED TABLE bench_journal_plan AS
     WITH thin AS (SELECT c.id, -ln((abs(hashtext(c.id::text || 'journal' || $4)) % 1000000 + 1) / 1000001.0) AS w
                   FROM cases c WHERE c.id <> ALL($1::uuid[])),
          spread AS (SELECT id, floor($3::numeric * sum(w) OVER (ORDER BY id) / sum(w) OVER ())::bigint AS upto FROM thin),
          counts AS (SELECT id, false AS heavy, upto - lag(upto, 1, 0::bigint) OVER (ORDER BY id) AS entries FROM spread
                     UNION ALL SELECT id, true, $2::bigint FROM unnest($1::uuid[]) id)
     SELECT c.agency_id, n.id AS case_id, n.heavy, n.entries::int AS entries,
            (sum(n.entries) OVER (ORDER BY n.heavy DESC, n.id) - n.entries)::bigint AS first_no,
            c.responsible_staff_id AS responsible, coalesce(tm.staff_id, c.responsible_staff_id) AS other_author, c.opened_at,
            CASE WHEN abs(hashtext(c.id::text || 'lang')) % 100 < 45 THEN 0 WHEN abs(hashtext(c.id::text || 'lang')) % 100 < 65 THEN 1
                 WHEN abs(hashtext(c.id::text || 'lang')) % 100 < 85 THEN 2 ELSE 3 END AS lang,
            a.time_zone AS tz, a.journal_late_after_days AS late_days
     FROM counts n JOIN cases c ON c.id = n.id JOIN agency a ON a.id = c.agency_id
     LEFT JOIN (SELECT DISTINCT ON (case_id) case_id, staff_id FROM case_team_members ORDER BY case_id, staff_id) tm ON tm.case_id = c.id
     WHERE n.entries > 0`,
    [heavyIds, options.perHeavyCase, thinTotal, String(options.seed)],
  );
  await pool.query('CREATE INDEX ON bench_journal_plan (first_no)');
  await pool.query('ANALYZE bench_journal_plan');
  const plan = (
    await pool.query<{ cases: number; entries: string; max: number }>(
      'SELECT count(*)::int AS cases, coalesce(sum(entries), 0)::text AS entries, coalesce(max(entries), 0) AS max FROM bench_journal_plan',
    )
  ).rows[0]!;
  const total = Number(plan.entries);
  options.log(
    `  journal: ${total} entries over ${plan.cases} cases (${heavy.length} with ${options.perHeavyCase}, at most ${plan.max} in others)`,
  );

  // Every note the stock sentences make (4 languages × 12³, each also with one of the six senders of
  // information or none), numbered: its rich text, plain text and search vector, made once (the
  // words and their extra terms here, by the app's own functions); entries take theirs by number.
  const INFO = INFORMATION_FROM.length + 1;
  const notes = { p1: [] as string[], p2: [] as string[], words: [] as string[], terms: [] as string[] };
  for (let l = 0; l < BENCH_AGENCY_LANGUAGES.length; l++)
    for (let a = 0; a < PER_SLOT; a++)
      for (let b = 0; b < PER_SLOT; b++)
        for (let c = 0; c < PER_SLOT; c++)
          for (let f = 0; f < INFO; f++) {
            const { paragraphs } = journalNote(l, a, b, c);
            // columnsOf (journal.service.ts): the plain text, then whom the information came from, a line each.
            const words = [...paragraphs, ...(f > 0 ? [INFORMATION_FROM[f - 1]!] : [])].join('\n');
            notes.p1.push(paragraphs[0]);
            notes.p2.push(paragraphs[1]);
            notes.words.push(words);
            notes.terms.push(searchTerms(words).join(' '));
          }
  const vector = searchVectorSql('words', 'terms', BENCH_AGENCY_LANGUAGES);
  await pool.query('DROP TABLE IF EXISTS bench_journal_texts');
  await pool.query(
    `CREATE UNLOGGED TABLE bench_journal_texts AS
     SELECT (n - 1)::int AS n, p1 || E'\n' || p2 AS plain,
            jsonb_build_object('type', 'doc', 'content', jsonb_build_array(
              jsonb_build_object('type', 'paragraph', 'content', jsonb_build_array(jsonb_build_object('type', 'text', 'text', p1))),
              jsonb_build_object('type', 'paragraph', 'content', jsonb_build_array(jsonb_build_object('type', 'text', 'text', p2))))) AS text,
            ${vector} AS search
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS t(p1, p2, words, terms, n)`,
    [notes.p1, notes.p2, notes.words, notes.terms],
  );
  await pool.query('ALTER TABLE bench_journal_texts ADD PRIMARY KEY (n)');
  await pool.query('ANALYZE bench_journal_texts');
  options.log(`  journal: plan and ${notes.words.length} notes made in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const bits = (h: string, shift: number, modulo: number) => `(((${h} >> ${shift}) & 1023) % ${modulo})::int`;
  // One batch: entries a ≤ g < b of the plan. h1, h2: a row's random bits, sliced ten at a time.
  const insert = `
    INSERT INTO journal_entries (agency_id, id, case_id, status, kind, occurred_on, occurred_time, occurred_at, information_from, participants,
                                 text, plain_text, search, confidentiality, sensitive_category, author_id, signed_at, signed_late,
                                 corrects_id, correction_reason, version, created_at, updated_at)
    SELECT agency_id, overlay(overlay(md5(case_id::text || ':' || k) placing '4' from 13) placing '8' from 17)::uuid, case_id, status, kind,
           occurred_on, occurred_time, occurred_at, CASE WHEN e.f > 0 THEN ($7::text[])[e.f] ELSE '' END,
           CASE WHEN kind IN ('meeting', 'home_visit') THEN '[{"kind":"person","refId":null,"name":""}]'::jsonb ELSE '[]'::jsonb END,
           t.text, t.plain, t.search,
           conf, CASE WHEN conf = 'sensitive' THEN (ARRAY['health', 'substance_use', 'criminal_history'])[1 + sens] END,
           CASE WHEN other THEN other_author ELSE responsible END,
           signed_at, signed_at IS NOT NULL AND ((signed_at AT TIME ZONE tz)::date - occurred_on) > late_days,
           CASE WHEN corrects THEN overlay(overlay(md5(case_id::text || ':' || (k - 1)) placing '4' from 13) placing '8' from 17)::uuid END,
           CASE WHEN corrects THEN ($6::text[])[1 + lang] END,
           CASE WHEN status = 'signed' THEN 2 ELSE 1 END, created_at, coalesce(signed_at, created_at)
    FROM (
      SELECT d.*, CASE WHEN status = 'signed' THEN least($5::timestamptz, occurred_at + delay) END AS signed_at,
             least($5::timestamptz, occurred_at + interval '25 minutes') AS created_at,
             status = 'signed' AND k % 250 = 249 AND k < entries - 2 AS corrects
      FROM (
        SELECT s.*,
               CASE WHEN has_time THEN to_char(moment AT TIME ZONE tz, 'HH24:MI') END AS occurred_time,
               CASE WHEN has_time THEN date_trunc('minute', moment) ELSE (moment AT TIME ZONE tz)::date::timestamp AT TIME ZONE tz END AS occurred_at,
               (moment AT TIME ZONE tz)::date AS occurred_on
        FROM (
          SELECT r.*, ((((lang * ${PER_SLOT} + ia) * ${PER_SLOT} + ib) * ${PER_SLOT} + ic) * ${INFO} + f) AS n,
                 opened_at + ($5::timestamptz - interval '1 day' - opened_at) * ((k + 0.5 + 0.9 * (((h1 >> 50) & 1023) / 1024.0 - 0.5)) / entries) AS moment
          FROM (
            SELECT q.*, ${bits('h1', 10, PER_SLOT)} AS ia, ${bits('h1', 20, PER_SLOT)} AS ib, ${bits('h1', 30, PER_SLOT)} AS ic,
                   ${bits('h1', 40, 10)} < 7 AS has_time,
                   CASE WHEN ${bits('h2', 0, 100)} < 95 THEN make_interval(hours => 1 + ${bits('h2', 10, 30)})
                        ELSE make_interval(days => 4 + ${bits('h2', 10, 6)}) END AS delay,
                   CASE WHEN ${bits('h2', 20, 100)} < 88 THEN 'normal' WHEN ${bits('h2', 20, 100)} < 96 THEN 'restricted' ELSE 'sensitive' END AS conf,
                   ${bits('h2', 30, 3)} AS sens,
                   ${bits('h2', 40, 100)} < 20 AS other,
                   CASE WHEN NOT heavy AND k >= entries - 2 AND ${bits('h2', 54, 10)} < 3 THEN 'draft' ELSE 'signed' END AS status,
                   CASE WHEN ${bits('h1', 0, 100)} < 97 THEN 0 ELSE 1 + ${bits('h2', 50, INFORMATION_FROM.length)} END AS f,
                   CASE WHEN ${bits('h1', 0, 100)} < 25 THEN 'meeting' WHEN ${bits('h1', 0, 100)} < 50 THEN 'phone_call'
                        WHEN ${bits('h1', 0, 100)} < 60 THEN 'home_visit' WHEN ${bits('h1', 0, 100)} < 75 THEN 'message'
                        WHEN ${bits('h1', 0, 100)} < 83 THEN 'action' WHEN ${bits('h1', 0, 100)} < 91 THEN 'follow_up'
                        WHEN ${bits('h1', 0, 100)} < 94 THEN 'decision' WHEN ${bits('h1', 0, 100)} < 97 THEN 'supervision'
                        ELSE 'information_received' END AS kind
            FROM (
              SELECT p.*, g - p.first_no AS k, hashint8extended(g, $4) AS h1, hashint8extended(g, $4 + 1) AS h2
              FROM bench_journal_plan p, generate_series(greatest(p.first_no, $1), least(p.first_no + p.entries, $2) - 1) g
              WHERE p.first_no >= $1 - $3::bigint AND p.first_no < $2 AND p.first_no + p.entries > $1
            ) q
          ) r
        ) s
      ) d
    ) e
    JOIN bench_journal_texts t ON t.n = e.n`;
  const now = new Date().toISOString();
  let done = 0;
  let spent = 0;
  const batches = Math.ceil(total / BATCH_ENTRIES);
  await onConnections(
    IN_FLIGHT,
    Array.from({ length: batches }, (_, i) => async () => {
      const from = i * BATCH_ENTRIES;
      const t = performance.now();
      const result = await pool.query(insert, [
        from,
        Math.min(total, from + BATCH_ENTRIES),
        plan.max,
        options.seed,
        now,
        CORRECTION_REASONS,
        INFORMATION_FROM,
      ]);
      spent += (performance.now() - t) / 1000;
      done += result.rowCount ?? 0;
      const elapsed = (performance.now() - t0) / 1000;
      if ((i + 1) % 10 === 0 || done === total)
        options.log(
          `  journal: ${done} / ${total} entries, ${elapsed.toFixed(0)} s, ≈ ${((elapsed / done) * (total - done)).toFixed(0)} s to go`,
        );
    }),
  );
  if (done !== total) throw new Error(`journal: ${done} entries made, ${total} planned`);
  const appendCases = (
    await pool.query<{ agency_id: number; id: string; staff_id: string }>(
      `SELECT c.agency_id, c.id, c.responsible_staff_id AS staff_id FROM cases c
       WHERE c.stage NOT IN ('closed') AND c.id <> ALL($1::uuid[]) ORDER BY md5(c.id::text || 'append') LIMIT 256`,
      [heavyIds],
    )
  ).rows;
  await pool.query('DROP TABLE bench_journal_plan, bench_journal_texts');
  return {
    entries: total,
    heavyCases: heavy.map((h) => ({ agencyId: h.agency_id, caseId: h.id, staffId: h.staff_id })),
    entriesPerHeavyCase: options.perHeavyCase,
    casesWithEntries: plan.cases,
    appendCases: appendCases.map((c) => ({ agencyId: c.agency_id, caseId: c.id, staffId: c.staff_id })),
    seconds: Number(spent.toFixed(2)),
  };
}

/** Disk taken by the journal table: heap, TOAST, each index (bytes), after the load, the index builds and VACUUM ANALYZE. */
export async function journalDiskUse(pool: pg.Pool) {
  const [row] = (
    await pool.query<{ total: string; heap: string; toast: string; indexes: string; per_index: Record<string, number> }>(
      `SELECT pg_total_relation_size(c.oid)::text AS total, pg_relation_size(c.oid)::text AS heap,
              coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0)::text AS toast, pg_indexes_size(c.oid)::text AS indexes,
              (SELECT json_object_agg(i.indexrelid::regclass::text, pg_relation_size(i.indexrelid)) FROM pg_index i WHERE i.indrelid = c.oid) AS per_index
       FROM pg_class c WHERE c.oid = 'journal_entries'::regclass`,
    )
  ).rows;
  const mb = (bytes: string | number) => Number((Number(bytes) / 1e6).toFixed(1));
  return {
    totalBytes: Number(row!.total),
    totalMB: mb(row!.total),
    heapMB: mb(row!.heap),
    toastMB: mb(row!.toast),
    indexesMB: mb(row!.indexes),
    indexMB: Object.fromEntries(Object.entries(row!.per_index).map(([name, bytes]) => [name, mb(bytes)])),
  };
}
