import type { ServicePlan } from './service-plan.ts';

/** A plan as a worker and a person might agree it: an example for readers, and the tests' sample. */
export function samplePlan(): ServicePlan {
  return {
    period: { start: '2026-03-01', end: '2026-12-31' },
    reviewDate: '2026-06-15',
    goals: [
      {
        id: 'g-housing',
        level: 'long_term',
        description: 'Live in a rented flat of her own with her son',
        indicator: 'Housing situation at each review',
        baseline: 'Staying at a shelter',
        target: 'Own tenancy agreement signed',
        dueDate: '2026-12-01',
        needId: 'need-housing',
        parentGoalId: null,
      },
      {
        id: 'g-income',
        level: 'intermediate',
        description: 'Have a steady income that covers rent',
        indicator: 'Monthly income after tax',
        baseline: '0 NOK',
        target: 'At least 18 000 NOK',
        dueDate: '2026-09-01',
        needId: null,
        parentGoalId: 'g-housing',
        achievement: 'in_progress',
      },
    ],
    steps: [
      {
        id: 's-cv',
        goalId: 'g-income',
        description: 'Write a CV with the job coach',
        responsible: 'person',
        responsibleName: null,
        dueDate: '2026-03-31',
        instructions: 'Bring certificates from earlier jobs',
        status: 'planned',
        result: null,
        completedOn: null,
      },
      {
        id: 's-queue',
        goalId: 'g-housing',
        description: 'Register with the municipal housing queue',
        responsible: 'worker',
        responsibleName: 'Kari Worker',
        dueDate: '2026-03-20',
        instructions: null,
        status: 'in_progress',
        result: null,
        completedOn: null,
      },
    ],
    services: [
      {
        id: 'v-coach',
        name: 'Job coaching',
        form: 'individual',
        frequency: 'weekly',
        duration: '3 months',
        place: 'Partner office',
        provider: 'Fair Work Partners',
        partnerOrganisationId: 'org-fair-work',
        startDate: '2026-03-10',
        endDate: '2026-06-10',
      },
    ],
    meetings: [
      { id: 'm-review', date: null, frequency: 'every second week', purpose: 'Follow-up talk', participants: 'Person and worker' },
    ],
    risks: [
      {
        id: 'r-relapse',
        description: 'Relapse into drinking after losing a job offer',
        contingency: 'Call the worker the same day; crisis line at night',
      },
    ],
    rightsAndDuties: 'The agency keeps what it learns confidential. The person keeps appointments or cancels them in advance.',
    evaluationMethod: 'Goal Attainment Scaling at the review and at the end of the period',
    personWishes: 'Wants her son to stay at the same school',
  };
}
