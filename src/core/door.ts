/**
 * The one door to case content: persons, cases and everything that hangs off them. A unit of work
 * gets one door, bound to its actor; the area stores (`src/areas/<area>/<area>.store.ts`) are its
 * parts and the only modules that may touch those tables (an import scan keeps it so).
 *
 * - Scope is part of the statement: a store puts `caseInReach(...)` or `personInReach(...)` in the
 *   WHERE of the query it hands to `one()` or `many()`; nothing is loaded first and checked after.
 * - One 404 for absent and out of reach: `one()` answers "The plan was not found" in both cases; an
 *   attempt on a record that exists out of reach is audited as denied.
 * - Reads are audited by the door: every person whose content `one()` or `many()` returned is named
 *   by an audit event of the same transaction – the use case's own event where it wrote one (a
 *   change names the person it changed), otherwise a read event from the door; a list page gives
 *   one event naming everyone on it.
 * - Before content about someone is handed out, the consent gate is asked (`ConsentGate`).
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from './access-policy.ts';
import type { AuditAction, AuditEntityType } from './audit.contract.ts';
import type { Transaction } from './db/pool.ts';
import { notFound } from './errors.ts';
import { caseVisibleTo, personVisibleTo, requestVisibleTo, staffReachesCase, visiblePersonIds } from './scopes.ts';

/** What a read of case content is for, as the consent gate sees it. */
export interface Disclosure {
  actor: Actor;
  personIds: readonly string[];
  action: AuditAction;
}

/**
 * Asked before any content about a person leaves through the door. Consent decides what may be
 * disclosed beyond the agency (partners, relatives, other agencies); the agency's own processing
 * rests on the service agreement and the law, so the default gate lets its staff through and
 * relies on the scope already applied in SQL.
 */
export interface ConsentGate {
  check(disclosure: Disclosure): void;
}

export const agencyProcessingGate: ConsentGate = { check: () => undefined };

/** An audit event the door asks the unit of work to append. */
export interface ReadEvent {
  action: AuditAction;
  entityType: AuditEntityType;
  entityId: string | null;
  personIds: string[];
  details?: Record<string, unknown>;
}

interface Shown<T> {
  /** The audit action and what the event is about when the door writes it (`plan.read`, `plan`, its id). */
  action: AuditAction;
  entityType: AuditEntityType;
  entityId?: string | null;
  /** The person (or people) a row is about; null: about no one in particular. */
  personOf: (row: T) => string | null | readonly (string | null)[];
  details?: Record<string, unknown>;
}

interface ReadOf<T> extends Shown<T> {
  /** A query that carries the actor's scope in its WHERE. */
  rows: PromiseLike<T[]>;
}

interface ReadOne<T> extends ReadOf<T> {
  /** The record as the 404 names it: "The plan". */
  what: string;
  entityId: string;
  /**
   * Who the record is about, looked up without the scope and only when the scoped query found
   * nothing: an attempt on someone's record out of reach is audited as denied.
   */
  whose?: () => PromiseLike<string | null | undefined>;
}

export interface DoorHost {
  readonly tx: Transaction;
  readonly actor: Actor;
  auditDenied(input: { action: AuditAction; entityType: AuditEntityType; entityId: string; personId: string }): void;
}

export class Door {
  private readonly reads: ReadEvent[] = [];

  constructor(
    private readonly host: DoorHost,
    private readonly gate: ConsentGate = agencyProcessingGate,
  ) {}

  get actor(): Actor {
    return this.host.actor;
  }

  /** The transaction, for the stores' statements. */
  get tx(): Transaction {
    return this.host.tx;
  }

  /** Condition on a row of `cases` (by its alias): within the actor's reach. */
  caseInReach(caseAlias: SQL): SQL {
    return caseVisibleTo(this.actor, caseAlias);
  }

  /** Condition on a case id column: the case it names is within reach. */
  caseIdInReach(caseId: SQL): SQL {
    return sql`EXISTS (SELECT 1 FROM cases reach WHERE reach.id = ${caseId} AND ${caseVisibleTo(this.actor, sql`reach`)})`;
  }

  /** Condition on a row of `staff` and one of `cases`: the staff member's scope reaches the case (whom to tell about it). */
  staffReachesCase(staffAlias: SQL, caseAlias: SQL): SQL {
    return staffReachesCase(staffAlias, caseAlias);
  }

  /** Condition on a row of `persons` (by its alias). */
  personInReach(personAlias: SQL): SQL {
    return personVisibleTo(this.actor, personAlias);
  }

  /** Condition on a row of `requests` (by its alias). */
  requestInReach(requestAlias: SQL): SQL {
    return requestVisibleTo(this.actor, requestAlias);
  }

  /** The ids of the people the actor may see, as a subquery; null when they see everyone. */
  visiblePersonIds(): SQL | null {
    return visiblePersonIds(this.actor);
  }

  /** The one record the scoped query finds, or the uniform 404. */
  async one<T>(read: ReadOne<T>): Promise<T> {
    const [row] = await read.rows;
    if (row === undefined) {
      const personId = read.whose ? await read.whose() : null;
      if (personId) {
        this.host.auditDenied({ action: read.action, entityType: read.entityType, entityId: read.entityId, personId });
      }
      throw notFound(read.what);
    }
    this.saw(read, [row]);
    return row;
  }

  /** The record, or null when there is none within reach (no 404: "the latest assessment, if any"). */
  async maybeOne<T>(read: ReadOf<T>): Promise<T | null> {
    const [row] = await read.rows;
    if (row === undefined) return null;
    this.saw(read, [row]);
    return row;
  }

  /** Every row the scoped query finds; one audit event names every person among them. */
  async many<T>(read: ReadOf<T>): Promise<T[]> {
    return this.show(read, await read.rows);
  }

  /**
   * One page of a list: the query asks for `limit + 1` rows, so whether there is more is known
   * without a count; the event names the people on the page, not the one row looked ahead.
   */
  async page<T>(read: ReadOf<T>, limit: number): Promise<{ items: T[]; more: boolean }> {
    const rows = await read.rows;
    return { items: this.show(read, rows.slice(0, limit)), more: rows.length > limit };
  }

  /**
   * Rows a store worked out from scoped queries of its own (ranked, scored, filtered) – what is
   * actually shown is what the event names.
   */
  show<T>(read: Shown<T>, rows: T[]): T[] {
    this.saw(read, rows);
    return rows;
  }

  /**
   * The read events still owed at commit: for each read, the people it returned that no event of
   * the unit of work names already, in the order they were read.
   */
  owedReadEvents(named: Iterable<string>): ReadEvent[] {
    // Reads of one thing (a person and the list on their page) make one event naming everyone they returned.
    const merged = new Map<string, ReadEvent>();
    for (const read of this.reads) {
      const key = JSON.stringify([read.action, read.entityType, read.entityId]);
      const earlier = merged.get(key);
      if (earlier) earlier.personIds = [...new Set([...earlier.personIds, ...read.personIds])];
      else merged.set(key, { ...read, personIds: [...read.personIds] });
    }
    const covered = new Set(named);
    const owed: ReadEvent[] = [];
    for (const read of merged.values()) {
      const personIds = read.personIds.filter((id) => !covered.has(id));
      if (personIds.length === 0) continue;
      for (const id of personIds) covered.add(id);
      owed.push({ ...read, personIds });
    }
    return owed;
  }

  private saw<T>(read: Shown<T>, rows: readonly T[]): void {
    const personIds = [...new Set(rows.flatMap(read.personOf).filter((id): id is string => id !== null))];
    if (personIds.length === 0) return;
    this.gate.check({ actor: this.actor, personIds, action: read.action });
    this.reads.push({
      action: read.action,
      entityType: read.entityType,
      entityId: read.entityId ?? null,
      personIds,
      ...(read.details ? { details: read.details } : {}),
    });
  }
}
