/** How much work one worker holds: pure rules for the supervisor's and the worker's home. */

/**
 * Open cases a worker is responsible for before they count as overloaded, until the agency sets
 * its own (`caseloadLimit` of the agency settings, whose default this is). Twenty is the lower end of what case-management guidance gives for adult
 * services (children's services go lower); a unit above it has work to share out.
 */
export const DEFAULT_CASELOAD_LIMIT = 20;

/** How long a case stays "new" on its responsible worker's home after it was given to them. */
export const NEW_ASSIGNMENT_DAYS = 14;

/** Overloaded: more open cases than the limit. */
export function isOverloaded(openCases: number, limit: number = DEFAULT_CASELOAD_LIMIT): boolean {
  return openCases > limit;
}

/** The workers of a unit, the most loaded first (then by name), each marked when over the limit. */
export function byCaseload<W extends { name: string; openCases: number }>(
  workers: readonly W[],
  limit: number = DEFAULT_CASELOAD_LIMIT,
): (W & { overloaded: boolean })[] {
  return [...workers]
    .sort((a, b) => b.openCases - a.openCases || a.name.localeCompare(b.name))
    .map((worker) => ({ ...worker, overloaded: isOverloaded(worker.openCases, limit) }));
}
