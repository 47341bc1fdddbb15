/**
 * The questionnaire templates Tillit ships, as data: PHQ-9 and GAD-7 (screening), the
 * self-sufficiency scale (progress across life domains), the life-domain needs assessment, and
 * the background questionnaire of a person joining a support programme (seed 004's анкета
 * клиента: general information, substance use, treatment, legal situation, health, reasons).
 *
 * Texts are inline English; other languages are overlays in `translations`, keyed by the same
 * ids (see questionnaire.ts). PHQ-9 and GAD-7 ship in English only: their validated translations
 * are published by the authors and are to be imported word for word, never translated afresh.
 * The self-sufficiency scale is Tillit's own wording of a common five-level idea and carries
 * its domain names and level names in all the app's languages; the life-domain needs assessment
 * carries all its texts in them. The background questionnaire is in English only so far.
 */
import {
  type Condition,
  crisisFlag,
  type LeafItemInput,
  type QuestionItemInput,
  type QuestionnaireTemplate,
  type QuestionnaireTemplateInput,
  questionnaireTemplate,
  type TemplateTranslation,
} from './questionnaire.rules.ts';

type Extra = Pick<LeafItemInput, 'required' | 'help' | 'enableWhen' | 'enableBehavior'>;
type Options = Record<string, string>;

const optionList = (options: Options, scores?: readonly number[]) =>
  Object.entries(options).map(([code, text], i) => (scores ? { code, text, score: scores[i]! } : { code, text }));

const shortText = (id: string, text: string, extra: Extra = {}): LeafItemInput => ({ ...extra, id, text, type: 'short_text' });
const longText = (id: string, text: string, extra: Extra = {}): LeafItemInput => ({ ...extra, id, text, type: 'long_text' });
const yesNo = (id: string, text: string, extra: Extra = {}): LeafItemInput => ({ ...extra, id, text, type: 'yes_no' });
const single = (id: string, text: string, options: Options, extra: Extra = {}): LeafItemInput => ({
  ...extra,
  id,
  text,
  type: 'single_choice',
  options: optionList(options),
});
const multiple = (id: string, text: string, options: Options, extra: Extra = {}): LeafItemInput => ({
  ...extra,
  id,
  text,
  type: 'multiple_choice',
  options: optionList(options),
});
const wholeNumber = (id: string, text: string, range: { min: number; max: number; unit?: string }, extra: Extra = {}): LeafItemInput => ({
  ...extra,
  id,
  text,
  type: 'number',
  integer: true,
  ...range,
});
const scale = (id: string, text: string, labels: readonly string[], from: number, extra: Extra = {}): LeafItemInput => ({
  ...extra,
  id,
  text,
  type: 'scale',
  min: from,
  max: from + labels.length - 1,
  labels: labels.map((label, i) => ({ value: from + i, text: label })),
});
const group = (
  id: string,
  text: string,
  items: LeafItemInput[],
  extra: Extra & { minRepeats?: number; maxRepeats?: number } = {},
): QuestionItemInput => ({ ...extra, id, text, type: 'group', items });

const when = (itemId: string, operator: Condition['operator'], value: Condition['value']): Extra => ({
  enableWhen: [{ itemId, operator, value }],
});
const ifYes = (itemId: string) => when(itemId, 'equals', true);
const required: Extra = { required: true };

const define = (input: QuestionnaireTemplateInput): QuestionnaireTemplate => questionnaireTemplate.parse(input);

// ---------------------------------------------------------------- PHQ-9 and GAD-7

const phqCopyright =
  'Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.';
const frequency = {
  not_at_all: 'Not at all',
  several_days: 'Several days',
  more_than_half: 'More than half the days',
  nearly_every_day: 'Nearly every day',
};
const difficulty = {
  not_difficult: 'Not difficult at all',
  somewhat_difficult: 'Somewhat difficult',
  very_difficult: 'Very difficult',
  extremely_difficult: 'Extremely difficult',
};

/** A screening instrument of items scored 0–3, with the unscored difficulty question shown once any problem is checked. */
function frequencyScreen(prefix: string, texts: readonly string[]): QuestionItemInput[] {
  const ids = texts.map((_, i) => `${prefix}_${i + 1}`);
  return [
    ...texts.map(
      (text, i): QuestionItemInput => ({
        id: ids[i]!,
        text,
        type: 'single_choice',
        required: true,
        options: optionList(frequency, [0, 1, 2, 3]),
      }),
    ),
    {
      id: `${prefix}_difficulty`,
      type: 'single_choice',
      text: 'If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?',
      options: optionList(difficulty),
      enableWhen: ids.map((itemId) => ({ itemId, operator: 'gt' as const, value: 0 })),
      enableBehavior: 'any',
    },
  ];
}

interface FrequencyInstrument {
  key: string;
  prefix: string;
  title: string;
  scoreLabel: string;
  description: string;
  question: string;
  items: readonly string[];
  /** [from, to, code, label] */
  bands: readonly [number, number, string, string][];
  flags?: QuestionnaireTemplateInput['flags'];
}

function frequencyInstrument({
  key,
  prefix,
  title,
  scoreLabel,
  description,
  question,
  items,
  bands,
  flags,
}: FrequencyInstrument): QuestionnaireTemplate {
  return define({
    key,
    version: 1,
    title,
    description,
    copyright: phqCopyright,
    sections: [{ id: prefix, title: question, items: frequencyScreen(prefix, items) }],
    scoring: [
      {
        id: `${prefix}_total`,
        kind: 'sum',
        label: scoreLabel,
        items: items.map((_, i) => `${prefix}_${i + 1}`),
        bands: bands.map(([from, to, code, label]) => ({ from, to, code, label })),
      },
    ],
    ...(flags ? { flags } : {}),
  });
}

export const phq9 = frequencyInstrument({
  key: 'phq-9',
  prefix: 'phq9',
  title: 'PHQ-9 – Patient Health Questionnaire',
  scoreLabel: 'PHQ-9 total',
  description:
    'Depression screening. A total of 10 or more calls for a closer assessment; any answer other than "Not at all" to item 9 calls for a safety follow-up the same day.',
  question: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
  items: [
    'Little interest or pleasure in doing things',
    'Feeling down, depressed, or hopeless',
    'Trouble falling or staying asleep, or sleeping too much',
    'Feeling tired or having little energy',
    'Poor appetite or overeating',
    'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
    'Trouble concentrating on things, such as reading the newspaper or watching television',
    'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
    'Thoughts that you would be better off dead or of hurting yourself in some way',
  ],
  bands: [
    [0, 4, 'minimal', 'Minimal'],
    [5, 9, 'mild', 'Mild'],
    [10, 14, 'moderate', 'Moderate'],
    [15, 19, 'moderately_severe', 'Moderately severe'],
    [20, 27, 'severe', 'Severe'],
  ],
  flags: [{ id: 'phq9_self_harm', flag: crisisFlag, when: [{ itemId: 'phq9_9', operator: 'gt', value: 0 }] }],
});

export const gad7 = frequencyInstrument({
  key: 'gad-7',
  prefix: 'gad7',
  title: 'GAD-7 – Generalized Anxiety Disorder scale',
  scoreLabel: 'GAD-7 total',
  description: 'Anxiety screening. A total of 10 or more calls for a closer assessment.',
  question: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
  items: [
    'Feeling nervous, anxious, or on edge',
    'Not being able to stop or control worrying',
    'Worrying too much about different things',
    'Trouble relaxing',
    'Being so restless that it is hard to sit still',
    'Becoming easily annoyed or irritable',
    'Feeling afraid, as if something awful might happen',
  ],
  bands: [
    [0, 4, 'minimal', 'Minimal'],
    [5, 9, 'mild', 'Mild'],
    [10, 14, 'moderate', 'Moderate'],
    [15, 21, 'severe', 'Severe'],
  ],
});

// ---------------------------------------------------------------- self-sufficiency scale

const locales = ['nb', 'sv', 'ru', 'zh-Hans', 'zh-Hant'] as const;
type Locale = (typeof locales)[number];
/** Texts in the five other languages, in the order of `locales`. */
type InOtherLanguages = readonly [nb: string, sv: string, ru: string, zhHans: string, zhHant: string];

interface Domain {
  id: string;
  name: string;
  help: string;
  names: InOtherLanguages;
}

const selfSufficiencyDomains: readonly Domain[] = [
  {
    id: 'housing',
    name: 'Housing',
    help: 'Where the person lives, whether it is safe and affordable, and how secure the tenancy is.',
    names: ['Bolig', 'Boende', 'Жильё', '住房', '住房'],
  },
  {
    id: 'employment',
    name: 'Employment',
    help: 'Work or other occupation, and how steady and suitable it is.',
    names: ['Arbeid', 'Arbete', 'Занятость', '就业', '就業'],
  },
  {
    id: 'income',
    name: 'Income',
    help: "Whether the household's money covers its basic costs, and how steady it is.",
    names: ['Inntekt', 'Inkomst', 'Доход', '收入', '收入'],
  },
  {
    id: 'food',
    name: 'Food',
    help: 'Whether the household has enough to eat without outside help.',
    names: ['Mat', 'Mat', 'Питание', '食物', '食物'],
  },
  {
    id: 'child_care',
    name: 'Child care',
    help: 'Care for children while the person works, studies or keeps appointments. Not applicable without children in their care.',
    names: ['Barnepass', 'Barnomsorg', 'Уход за детьми', '儿童照顾', '兒童照顧'],
  },
  {
    id: 'education',
    name: 'Education',
    help: "The person's schooling, training and qualifications, and the schooling of children in their care.",
    names: ['Utdanning', 'Utbildning', 'Образование', '教育', '教育'],
  },
  {
    id: 'health_coverage',
    name: 'Health coverage',
    help: 'Access to health care: a regular doctor, insurance or another entitlement to treatment.',
    names: ['Tilgang til helsetjenester', 'Tillgång till vård', 'Доступ к медицинской помощи', '医疗保障', '醫療保障'],
  },
  {
    id: 'life_skills',
    name: 'Life skills',
    help: 'Managing everyday tasks: cooking, cleaning, paying bills, keeping appointments.',
    names: ['Ferdigheter i dagliglivet', 'Vardagsfärdigheter', 'Бытовые навыки', '生活技能', '生活技能'],
  },
  {
    id: 'family_social',
    name: 'Family and social relations',
    help: 'Support from family, friends and neighbours, and how conflicts are handled.',
    names: ['Familie og sosialt nettverk', 'Familj och sociala relationer', 'Семья и социальные связи', '家庭与社会关系', '家庭與社會關係'],
  },
  {
    id: 'mobility',
    name: 'Mobility',
    help: 'Getting to work, services and appointments: transport, a driving licence, the cost of travel.',
    names: ['Transport og mobilitet', 'Resor och rörlighet', 'Мобильность', '出行', '出行'],
  },
  {
    id: 'community',
    name: 'Community involvement',
    help: 'Taking part in the life around them: associations, faith communities, volunteering, local activities.',
    names: ['Deltakelse i lokalsamfunnet', 'Delaktighet i samhället', 'Участие в жизни общества', '社区参与', '社區參與'],
  },
  {
    id: 'parenting',
    name: 'Parenting',
    help: 'Meeting the needs of the children in their care. Not applicable without children in their care.',
    names: ['Foreldrerollen', 'Föräldraskap', 'Родительство', '养育子女', '養育子女'],
  },
  {
    id: 'legal',
    name: 'Legal',
    help: 'Involvement with police, courts or probation, and legal matters left unresolved.',
    names: ['Juridiske forhold', 'Juridiska frågor', 'Правовые вопросы', '法律事务', '法律事務'],
  },
  {
    id: 'mental_health',
    name: 'Mental health',
    help: 'Emotional wellbeing and any mental-health condition, and how it affects daily life.',
    names: ['Psykisk helse', 'Psykisk hälsa', 'Психическое здоровье', '心理健康', '心理健康'],
  },
  {
    id: 'substance_use',
    name: 'Substance use',
    help: 'Use of alcohol, drugs or medication, and how it affects daily life.',
    names: ['Rusmidler', 'Alkohol och droger', 'Употребление психоактивных веществ', '物质使用', '物質使用'],
  },
  {
    id: 'safety',
    name: 'Safety',
    help: 'Whether the person and those in their care are safe from violence, abuse and neglect.',
    names: ['Sikkerhet', 'Säkerhet', 'Личная безопасность', '人身安全', '人身安全'],
  },
];

/** 0 = not applicable, then 1 in crisis … 5 empowered. */
const selfSufficiencyLevels: readonly { text: string; names: InOtherLanguages }[] = [
  { text: 'Not applicable', names: ['Ikke aktuelt', 'Ej aktuellt', 'Не применимо', '不适用', '不適用'] },
  { text: 'In crisis', names: ['I krise', 'I kris', 'Кризис', '危机', '危機'] },
  { text: 'Vulnerable', names: ['Sårbar', 'Sårbar', 'Уязвимость', '脆弱', '脆弱'] },
  { text: 'Safe', names: ['Trygg', 'Trygg', 'Стабильность', '安稳', '安穩'] },
  { text: 'Building capacity', names: ['Bygger opp egne krefter', 'Bygger förmåga', 'Развитие возможностей', '能力提升中', '能力提升中'] },
  { text: 'Empowered', names: ['Selvstendig', 'Självständig', 'Самостоятельность', '自立', '自立'] },
];

const selfSufficiencyTitle: InOtherLanguages = [
  'Selvhjulpenhet på livsområder',
  'Självständighet inom livsområden',
  'Самостоятельность в сферах жизни',
  '生活领域自立程度',
  '生活領域自立程度',
];
const selfSufficiencySection: InOtherLanguages = ['Livsområder', 'Livsområden', 'Сферы жизни', '生活领域', '生活領域'];

function selfSufficiencyTranslation(k: number): TemplateTranslation {
  const labels = Object.fromEntries(selfSufficiencyLevels.map((level, value) => [String(value), level.names[k]!]));
  return {
    title: selfSufficiencyTitle[k]!,
    sections: { domains: selfSufficiencySection[k]! },
    items: Object.fromEntries(selfSufficiencyDomains.map((domain) => [domain.id, { text: domain.names[k]!, labels }])),
  };
}

export const selfSufficiencyScale = define({
  key: 'self-sufficiency',
  version: 1,
  title: 'Self-sufficiency across life domains',
  description: [
    "Rate each area of the person's life as it stands today, together with the person.",
    '1 In crisis: needs help at once. 2 Vulnerable: at risk without support. 3 Safe: basic needs met for now.',
    '4 Building capacity: steady and growing stronger. 5 Empowered: manages well on their own.',
    'Choose 0 when an area does not apply. Rate at the start, during the work and at closure to show change.',
  ].join('\n'),
  sections: [
    {
      id: 'domains',
      title: 'Life domains',
      items: selfSufficiencyDomains.map((domain) =>
        scale(
          domain.id,
          domain.name,
          selfSufficiencyLevels.map((level) => level.text),
          0,
          { required: true, help: domain.help },
        ),
      ),
    },
  ],
  flags: [
    {
      id: 'self_sufficiency_danger',
      flag: crisisFlag,
      behavior: 'any',
      when: [
        { itemId: 'safety', operator: 'equals', value: 1 },
        { itemId: 'mental_health', operator: 'equals', value: 1 },
      ],
    },
  ],
  translations: Object.fromEntries(locales.map((locale: Locale, k) => [locale, selfSufficiencyTranslation(k)])),
});

// ---------------------------------------------------------------- life-domain needs assessment

interface LifeDomain {
  id: string;
  title: string;
  covers: string;
  /** The title and what the domain covers in the five other languages. */
  titles: InOtherLanguages;
  covering: InOtherLanguages;
}

const lifeDomains: readonly LifeDomain[] = [
  {
    id: 'psychosocial',
    title: 'Psychosocial situation',
    covers: 'mood, coping, motivation, daily routine',
    titles: ['Psykososial situasjon', 'Psykosocial situation', 'Психосоциальное положение', '心理社会状况', '心理社會狀況'],
    covering: [
      'humør, mestring, motivasjon, hverdagsrutiner',
      'sinnesstämning, hantering av svårigheter, motivation, vardagsrutiner',
      'настроение, совладание с трудностями, мотивация, распорядок дня',
      '情绪、应对能力、动机、日常作息',
      '情緒、應對能力、動機、日常作息',
    ],
  },
  {
    id: 'health',
    title: 'Health',
    covers: 'physical and mental health, treatment, medication, disability',
    titles: ['Helse', 'Hälsa', 'Здоровье', '健康', '健康'],
    covering: [
      'fysisk og psykisk helse, behandling, medisiner, funksjonsnedsettelse',
      'fysisk och psykisk hälsa, behandling, läkemedel, funktionsnedsättning',
      'физическое и психическое здоровье, лечение, лекарства, инвалидность',
      '身心健康、治疗、用药、残疾',
      '身心健康、治療、用藥、殘疾',
    ],
  },
  {
    id: 'finances',
    title: 'Finances',
    covers: 'income, benefits, debts, budgeting',
    titles: ['Økonomi', 'Ekonomi', 'Финансы', '经济状况', '經濟狀況'],
    covering: [
      'inntekt, stønader, gjeld, budsjett',
      'inkomst, bidrag och ersättningar, skulder, budget',
      'доходы, пособия, долги, планирование бюджета',
      '收入、补助、债务、预算安排',
      '收入、補助、債務、預算安排',
    ],
  },
  {
    id: 'legal',
    title: 'Legal matters',
    covers: 'documents, court cases, police, probation, rights not yet claimed',
    titles: ['Juridiske forhold', 'Juridiska frågor', 'Правовые вопросы', '法律事务', '法律事務'],
    covering: [
      'dokumenter, rettssaker, politi, friomsorg, rettigheter som ikke er tatt i bruk',
      'handlingar, domstolsärenden, polis, frivård, rättigheter som ännu inte har utnyttjats',
      'документы, судебные дела, полиция, пробация, неиспользованные права',
      '证件、诉讼、警方、社区矫正、尚未行使的权利',
      '證件、訴訟、警方、社區矯正、尚未行使的權利',
    ],
  },
  {
    id: 'housing',
    title: 'Housing',
    covers: 'where the person lives, safety and security of the home, risk of losing it',
    titles: ['Bolig', 'Boende', 'Жильё', '住房', '住房'],
    covering: [
      'hvor personen bor, om boligen er trygg og sikker, faren for å miste den',
      'var personen bor, om bostaden är trygg och säker, risken att förlora den',
      'где живёт человек, безопасность и надёжность жилья, риск его потерять',
      '居住地点、住所的安全与稳定、失去住所的风险',
      '居住地點、住所的安全與穩定、失去住所的風險',
    ],
  },
  {
    id: 'work_education',
    title: 'Work and education',
    covers: 'employment, training, qualifications, skills',
    titles: ['Arbeid og utdanning', 'Arbete och utbildning', 'Работа и образование', '工作与教育', '工作與教育'],
    covering: [
      'arbeid, opplæring, kvalifikasjoner, ferdigheter',
      'anställning, utbildning, kvalifikationer, färdigheter',
      'занятость, обучение, квалификация, навыки',
      '就业、培训、资格、技能',
      '就業、培訓、資格、技能',
    ],
  },
  {
    id: 'family_social',
    title: 'Family and social support',
    covers: 'family, friends, networks, caring responsibilities',
    titles: ['Familie og sosial støtte', 'Familj och socialt stöd', 'Семья и социальная поддержка', '家庭与社会支持', '家庭與社會支持'],
    covering: [
      'familie, venner, nettverk, omsorgsoppgaver',
      'familj, vänner, nätverk, omsorgsansvar',
      'семья, друзья, круг общения, обязанности по уходу за близкими',
      '家人、朋友、社会网络、照顾责任',
      '家人、朋友、社會網絡、照顧責任',
    ],
  },
  {
    id: 'safety',
    title: 'Safety',
    covers: 'violence, abuse, neglect, self-harm, danger to others',
    titles: ['Sikkerhet', 'Säkerhet', 'Безопасность', '安全', '安全'],
    covering: [
      'vold, overgrep, omsorgssvikt, selvskading, fare for andre',
      'våld, övergrepp, försummelse, självskada, fara för andra',
      'насилие, жестокое обращение, пренебрежение, самоповреждение, опасность для других',
      '暴力、虐待、疏忽、自伤、对他人的危险',
      '暴力、虐待、疏忽、自傷、對他人的危險',
    ],
  },
];
const severity = ['Minor', 'Moderate', 'Serious', 'Acute – needs action today'];

/** The texts of the life-domain needs assessment in the five other languages, in the order of `locales`. */
const lifeDomainNeedsTexts: readonly {
  title: string;
  description: string;
  findings: string;
  /** What is known about what a domain covers, and where it comes from. */
  findingsHelp: (covering: string) => string;
  need: string;
  severityQuestion: string;
  severity: readonly string[];
  strengths: string;
  strengthsHelp: string;
  summary: string;
  coreNeeds: string;
  personResponse: string;
  responses: Record<'agrees' | 'agrees_with_corrections' | 'disagrees', string>;
  corrections: string;
}[] = [
  {
    title: 'Behovskartlegging etter livsområde',
    description:
      'For hvert område: hva samtaler, observasjon, kartleggingsverktøy og tidligere journaler viser; om det er behov for støtte og hvor alvorlig det er; og hvilke styrker og ressurser personen har. Personen bekrefter eller retter resultatet.',
    findings: 'Funn',
    findingsHelp: (covering) => `Hva som er kjent om ${covering}, og hvor det kommer fra.`,
    need: 'Er det behov for støtte på dette området?',
    severityQuestion: 'Hvor alvorlig er behovet?',
    severity: ['Lite', 'Moderat', 'Alvorlig', 'Akutt – må følges opp i dag'],
    strengths: 'Styrker og ressurser',
    strengthsHelp: 'Hva personen, familien og nettverket allerede får til eller kan trekke på her.',
    summary: 'Oppsummering',
    coreNeeds: 'Kjernebehov, i prioritert rekkefølge',
    personResponse: 'Personens syn på vurderingen',
    responses: { agrees: 'Enig', agrees_with_corrections: 'Enig med rettelser', disagrees: 'Uenig' },
    corrections: 'Personens rettelser eller innvendinger, med egne ord',
  },
  {
    title: 'Behovsbedömning per livsområde',
    description:
      'För varje område: vad samtal, observation, skattningsskalor och tidigare journaler visar; om det finns behov av stöd och hur allvarligt det är; och vilka styrkor och resurser personen har. Personen bekräftar eller rättar resultatet.',
    findings: 'Iakttagelser',
    findingsHelp: (covering) => `Vad som är känt om ${covering}, och varifrån uppgifterna kommer.`,
    need: 'Finns det behov av stöd inom detta område?',
    severityQuestion: 'Hur allvarligt är behovet?',
    severity: ['Litet', 'Måttligt', 'Allvarligt', 'Akut – åtgärd behövs i dag'],
    strengths: 'Styrkor och resurser',
    strengthsHelp: 'Vad personen, familjen och nätverket redan klarar bra eller kan ta hjälp av här.',
    summary: 'Sammanfattning',
    coreNeeds: 'Huvudsakliga behov, i prioritetsordning',
    personResponse: 'Personens syn på bedömningen',
    responses: { agrees: 'Instämmer', agrees_with_corrections: 'Instämmer med rättelser', disagrees: 'Instämmer inte' },
    corrections: 'Personens rättelser eller invändningar, med egna ord',
  },
  {
    title: 'Оценка потребностей по сферам жизни',
    description:
      'По каждой сфере: что показывают беседы, наблюдение, шкалы и прежние записи; есть ли потребность в поддержке и насколько она серьёзна; какие сильные стороны и ресурсы есть у человека. Человек подтверждает или исправляет результат.',
    findings: 'Выявленные факты',
    findingsHelp: (covering) => `Что известно по этим темам и откуда эти сведения: ${covering}.`,
    need: 'Есть ли потребность в поддержке в этой сфере?',
    severityQuestion: 'Насколько серьёзна потребность?',
    severity: ['Незначительная', 'Умеренная', 'Серьёзная', 'Острая – нужны действия сегодня'],
    strengths: 'Сильные стороны и ресурсы',
    strengthsHelp: 'Что человек, его семья и близкие уже делают хорошо или на что могут опереться в этой сфере.',
    summary: 'Итоги',
    coreNeeds: 'Основные потребности в порядке приоритета',
    personResponse: 'Отношение человека к оценке',
    responses: { agrees: 'Согласен(на)', agrees_with_corrections: 'Согласен(на) с уточнениями', disagrees: 'Не согласен(на)' },
    corrections: 'Уточнения или возражения человека – его словами',
  },
  {
    title: '分生活领域需求评估',
    description:
      '针对每个领域：访谈、观察、量表和既往记录显示了什么；是否需要支持以及需求的严重程度；服务对象具备哪些优势和资源。服务对象确认或更正评估结果。',
    findings: '评估发现',
    findingsHelp: (covering) => `关于${covering}的已知情况及信息来源。`,
    need: '此领域是否需要支持？',
    severityQuestion: '需求的严重程度如何？',
    severity: ['轻微', '中等', '严重', '紧急——需今日处理'],
    strengths: '优势与资源',
    strengthsHelp: '服务对象本人、家人及社会网络在这方面已做得好的地方或可以依靠的资源。',
    summary: '总结',
    coreNeeds: '核心需求（按优先顺序）',
    personResponse: '服务对象对评估结果的回应',
    responses: { agrees: '同意', agrees_with_corrections: '同意但有更正', disagrees: '不同意' },
    corrections: '服务对象的更正或异议（用其本人的话）',
  },
  {
    title: '分生活領域需求評估',
    description:
      '針對每個領域：訪談、觀察、量表和既往紀錄顯示了什麼；是否需要支持以及需求的嚴重程度；服務對象具備哪些優勢和資源。服務對象確認或更正評估結果。',
    findings: '評估發現',
    findingsHelp: (covering) => `關於${covering}的已知情況及資訊來源。`,
    need: '此領域是否需要支持？',
    severityQuestion: '需求的嚴重程度如何？',
    severity: ['輕微', '中等', '嚴重', '緊急——需今日處理'],
    strengths: '優勢與資源',
    strengthsHelp: '服務對象本人、家人及社會網絡在這方面已做得好的地方或可以依靠的資源。',
    summary: '總結',
    coreNeeds: '核心需求（按優先順序）',
    personResponse: '服務對象對評估結果的回應',
    responses: { agrees: '同意', agrees_with_corrections: '同意但有更正', disagrees: '不同意' },
    corrections: '服務對象的更正或異議（用其本人的話）',
  },
];

function lifeDomainNeedsTranslation(k: number): TemplateTranslation {
  const texts = lifeDomainNeedsTexts[k]!;
  const labels = Object.fromEntries(texts.severity.map((label, i) => [String(i + 1), label]));
  return {
    title: texts.title,
    description: texts.description,
    sections: { ...Object.fromEntries(lifeDomains.map((domain) => [domain.id, domain.titles[k]!])), summary: texts.summary },
    items: {
      ...Object.fromEntries(
        lifeDomains.flatMap((domain) => [
          [`${domain.id}_findings`, { text: texts.findings, help: texts.findingsHelp(domain.covering[k]!) }],
          [`${domain.id}_need`, { text: texts.need }],
          [`${domain.id}_severity`, { text: texts.severityQuestion, labels }],
          [`${domain.id}_strengths`, { text: texts.strengths, help: texts.strengthsHelp }],
        ]),
      ),
      core_needs: { text: texts.coreNeeds },
      person_response: { text: texts.personResponse, options: texts.responses },
      person_corrections: { text: texts.corrections },
    },
  };
}

export const lifeDomainNeeds = define({
  key: 'life-domain-needs',
  // Version 2 carries the translations; version 1 had the English texts only.
  version: 2,
  title: 'Needs assessment by life domain',
  description:
    'For each area: what the interviews, observation, scales and earlier records show; whether there is a need for support and how severe it is; and the strengths and resources the person brings. The person confirms or corrects the result.',
  sections: [
    ...lifeDomains.map((domain) => ({
      id: domain.id,
      title: domain.title,
      items: [
        longText(`${domain.id}_findings`, 'Findings', { help: `What is known about ${domain.covers}, and where it comes from.` }),
        yesNo(`${domain.id}_need`, 'Is there a need for support in this area?', required),
        scale(`${domain.id}_severity`, 'How severe is the need?', severity, 1, { ...required, ...ifYes(`${domain.id}_need`) }),
        longText(`${domain.id}_strengths`, 'Strengths and resources', {
          help: 'What the person, their family and network already do well or can draw on here.',
        }),
      ],
    })),
    {
      id: 'summary',
      title: 'Summary',
      items: [
        longText('core_needs', 'Core needs, in order of priority', required),
        single(
          'person_response',
          "The person's response to the assessment",
          { agrees: 'Agrees', agrees_with_corrections: 'Agrees with corrections', disagrees: 'Disagrees' },
          required,
        ),
        longText('person_corrections', "The person's corrections or objections, in their words", {
          ...required,
          ...when('person_response', 'notEquals', 'agrees'),
        }),
      ],
    },
  ],
  flags: [{ id: 'acute_safety_need', flag: crisisFlag, when: [{ itemId: 'safety_severity', operator: 'equals', value: 4 }] }],
  translations: Object.fromEntries(locales.map((locale: Locale, k) => [locale, lifeDomainNeedsTranslation(k)])),
});

// ---------------------------------------------------------------- background questionnaire (seed 004)

const employed = {
  enableWhen: [
    { itemId: 'employment_status', operator: 'equals', value: 'employed' },
    { itemId: 'employment_status', operator: 'equals', value: 'self_employed' },
  ],
  enableBehavior: 'any',
} satisfies Extra;

export const backgroundQuestionnaire = define({
  key: 'background-questionnaire',
  version: 1,
  title: 'Background questionnaire',
  description:
    'Filled in with the person at the start of the programme: general information, substance use and treatment, legal situation, physical health, and why they came to the agency.',
  sections: [
    {
      id: 'general',
      title: 'General information',
      items: [
        single(
          'id_document',
          'Identity document',
          { passport: 'National passport', other_document: 'Other identity document', no_document: 'No identity document' },
          required,
        ),
        shortText('id_document_details', 'Type, number and issuing authority', when('id_document', 'notEquals', 'no_document')),
        single('education', 'Highest completed education', {
          no_schooling: 'No completed schooling',
          primary: 'Primary school',
          secondary: 'Secondary school',
          vocational: 'Vocational training',
          higher_incomplete: 'Higher education, not completed',
          higher: 'Higher education',
        }),
        yesNo('studying', 'Studying at present?'),
        shortText('studies', 'Where, and what', ifYes('studying')),
        single('military_service', 'Military service', {
          completed: 'Completed',
          not_served: 'Not served',
          exempt: 'Exempt',
          not_applicable: 'Not applicable',
        }),
        shortText('profession', 'Profession or trade'),
        single('employment_status', 'Work at present', {
          employed: 'Employed',
          self_employed: 'Self-employed',
          unemployed: 'Unemployed',
          student: 'Student',
          retired: 'Retired',
          unable_to_work: 'Unable to work',
          other_work: 'Other',
        }),
        shortText('workplace', 'Workplace and position', employed),
        single(
          'housing_situation',
          'Housing',
          {
            own_home: 'Own home',
            renting: 'Renting',
            with_relatives: 'With relatives or friends',
            shelter: 'Shelter or institution',
            homeless: 'Homeless',
            other_housing: 'Other',
          },
          required,
        ),
        longText('housing_conditions', 'Housing conditions', {
          help: 'Who the person lives with, the state of the home, any risk of losing it.',
        }),
        group(
          'relatives',
          'Relatives',
          [
            shortText('relative_relation', 'Relationship to the person', required),
            yesNo('relative_lives_with', 'Lives with the person'),
            yesNo('relative_in_contact', 'In contact'),
            yesNo('relative_supportive', 'Can give support'),
          ],
          { help: "Names and contact details belong in the person's relations, not here." },
        ),
        multiple('registrations', 'Registered with', {
          drug_treatment_register: 'Drug-treatment register',
          psychiatric_register: 'Psychiatric register',
          supervision: 'Probation or police supervision',
          employment_office: 'Employment office',
          social_services: 'Social services',
          no_registration: 'None of these',
        }),
        shortText('registrations_other', 'Other registrations'),
      ],
    },
    {
      id: 'substance_use',
      title: 'Substance-use history',
      items: [
        yesNo('has_used', 'Has the person ever used drugs?', required),
        wholeNumber('first_use_age', 'Age at first use', { min: 5, max: 100, unit: 'years' }, ifYes('has_used')),
        longText('first_use_reason', 'Why the person started using', ifYes('has_used')),
        group(
          'substances',
          'Substances used',
          [
            shortText('substance', 'Substance', required),
            single('route', 'How it is taken', {
              swallowed: 'Swallowed',
              smoked: 'Smoked',
              sniffed: 'Sniffed or snorted',
              injected: 'Injected',
              other_route: 'Other',
            }),
            shortText('usual_daily_dose', 'Usual daily dose'),
            wholeNumber('years_regular_use', 'Years of regular use', { min: 0, max: 90, unit: 'years' }),
            yesNo('still_using', 'Still using'),
          ],
          { ...ifYes('has_used'), minRepeats: 1 },
        ),
      ],
    },
    {
      id: 'treatment',
      title: 'Treatment history',
      items: [
        yesNo('had_treatment', 'Has the person been treated for drug use before?', { ...required, ...ifYes('has_used') }),
        group(
          'treatments',
          'Earlier treatments',
          [
            single(
              'treatment_setting',
              'Setting',
              {
                outpatient: 'Outpatient',
                inpatient: 'Inpatient',
                rehabilitation: 'Rehabilitation centre',
                substitution: 'Substitution therapy',
                other_setting: 'Other',
              },
              required,
            ),
            shortText('treatment_place', 'Where'),
            wholeNumber('treatment_year', 'Year', { min: 1950, max: 2100 }),
            shortText('treatment_methods', 'Methods used'),
            single('treatment_effect', 'Effect', {
              no_effect: 'No effect',
              short_effect: 'Short-lived effect',
              lasting_effect: 'Lasting effect',
              effect_unknown: 'Not known',
            }),
          ],
          { ...ifYes('had_treatment'), minRepeats: 1 },
        ),
        yesNo('own_attempts', 'Has the person tried to stop on their own?', ifYes('has_used')),
        wholeNumber('own_attempts_count', 'How many times', { min: 1, max: 100 }, ifYes('own_attempts')),
        longText('reasons_to_stop', 'Reasons for wanting to stop', ifYes('has_used')),
        yesNo('psychotherapy', 'Has the person taken part in psychotherapy?', ifYes('has_used')),
        wholeNumber(
          'longest_abstinence',
          'Longest time without any drugs or alcohol',
          { min: 0, max: 1200, unit: 'months' },
          ifYes('has_used'),
        ),
        single('joining_decision', 'How the person decided to join the programme', {
          own_decision: 'Own decision',
          family_encouraged: 'Encouraged by family or friends',
          professional_advice: 'Advised by a doctor or another professional',
          required_by_authority: 'Required by a court or an authority',
          other_decision: 'Other',
        }),
        longText('joining_decision_story', "The decision in the person's own words"),
      ],
    },
    {
      id: 'legal_situation',
      title: 'Legal situation',
      items: [
        yesNo('offences_before', 'Offences before drug use began', ifYes('has_used')),
        longText('offences_before_details', 'What happened', ifYes('offences_before')),
        yesNo('offences_after', 'Offences after drug use began', ifYes('has_used')),
        longText('offences_after_details', 'What happened', ifYes('offences_after')),
        yesNo('convicted', 'Has the person been convicted?', required),
        group(
          'convictions',
          'Convictions',
          [
            shortText('conviction_offence', 'Offence (article of the law)', required),
            wholeNumber('conviction_year', 'Year', { min: 1950, max: 2100 }),
            shortText('conviction_sentence', 'Sentence'),
          ],
          { ...ifYes('convicted'), minRepeats: 1 },
        ),
        yesNo('police_problems', 'Current problems with the police or the courts'),
        longText('police_problems_details', 'What they are', ifYes('police_problems')),
      ],
    },
    {
      id: 'physical_health',
      title: 'Physical health',
      items: [
        scale('health_rating', 'How does the person rate their physical health?', ['Very poor', 'Poor', 'Fair', 'Good', 'Very good'], 1),
        longText('illnesses', 'Known illnesses and diagnoses', {
          help: 'Only what the person chooses to tell and the work with the agency needs.',
        }),
        yesNo('under_treatment', 'Receiving medical treatment at present'),
        longText('treatment_details', 'Which treatment, and where', ifYes('under_treatment')),
      ],
    },
    {
      id: 'contact_reasons',
      title: 'Reasons for contacting the agency',
      items: [
        multiple(
          'reasons',
          'What the person wants help with',
          {
            drug_treatment: 'Drug treatment',
            medical_care: 'Medical care',
            psychological_support: 'Psychological support',
            housing_help: 'Housing',
            work_training: 'Work or training',
            documents: 'Identity documents',
            legal_help: 'Legal help',
            family_matters: 'Family matters',
            money: 'Benefits and money',
            other_reason: 'Other',
          },
          required,
        ),
        shortText('reasons_other', 'Other', when('reasons', 'equals', 'other_reason')),
        longText('reasons_story', "In the person's own words: what brings them here and what they hope for", required),
      ],
    },
  ],
});

export const shippedQuestionnaires: readonly QuestionnaireTemplate[] = [
  phq9,
  gad7,
  selfSufficiencyScale,
  lifeDomainNeeds,
  backgroundQuestionnaire,
];
