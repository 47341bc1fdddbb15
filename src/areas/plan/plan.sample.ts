import type { PlanContent } from './plan.contract.ts';

/** A plan as a worker and a person might agree it: an example for readers, and the tests' sample. */
export function samplePlan(): PlanContent {
  return {
    periodFrom: '2026-03-01',
    periodTo: '2026-12-31',
    reviewDate: '2026-06-15',
    personWishes: 'Wants her son to stay at the same school',
    themes: [{ id: 't-home', title: 'A home of her own' }],
    goals: [
      {
        id: 'g-housing',
        level: 'long_term',
        parentGoalId: null,
        themeId: 't-home',
        needId: 'need-housing',
        description: 'Live in a rented flat of her own with her son',
        indicator: 'Housing situation at each review',
        baseline: 'Staying at a shelter',
        target: 'Own tenancy agreement signed',
        dueDate: '2026-12-01',
      },
      {
        id: 'g-income',
        level: 'intermediate',
        parentGoalId: 'g-housing',
        themeId: null,
        needId: null,
        description: 'Have a steady income that covers rent',
        indicator: 'Monthly income after tax',
        baseline: '0 NOK',
        target: 'At least 18 000 NOK',
        dueDate: '2026-09-01',
      },
    ],
    steps: [
      {
        id: 's-cv',
        goalId: 'g-income',
        what: 'Write a CV with the job coach',
        responsibleKind: 'person',
        responsibleName: '',
        responsibleStaffId: null,
        dueDate: '2026-03-31',
        instructions: 'Bring certificates from earlier jobs',
      },
      {
        id: 's-queue',
        goalId: 'g-housing',
        what: 'Register with the municipal housing queue',
        responsibleKind: 'worker',
        responsibleName: 'Kari Worker',
        responsibleStaffId: null,
        dueDate: '2026-03-20',
        instructions: '',
      },
    ],
    services: [
      {
        id: 'v-coach',
        type: 'Job coaching',
        provider: 'Fair Work Partners',
        form: 'individual',
        frequency: 'weekly',
        duration: '3 months',
        place: 'Partner office',
        needId: null,
        directoryServiceId: null,
      },
    ],
    meetings: [{ id: 'm-review', date: '2026-03-15', purpose: 'Follow-up talk', place: 'Agency office' }],
    risks: [
      {
        id: 'r-relapse',
        risk: 'Relapse into drinking after losing a job offer',
        contingency: 'Call the worker the same day; crisis line at night',
      },
    ],
    rightsAndDuties: 'The agency keeps what it learns confidential. The person keeps appointments or cancels them in advance.',
    evaluationMethod: 'A review talk at the review date and at the end of the period',
  };
}
