import type { AuditAction, AuditDetail, AuditTargetType } from "@huzhu/contracts";
import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";
import type { Actor } from "./access.ts";
import { recordAudit } from "./audit.ts";
import { type Ability, authorize, authorizeField, scopeOf } from "./policy.ts";

/**
 * A command is one write: in one transaction it takes its locks, authorizes the actor on the
 * records it names (404 unseen, 403 refused), makes the change and appends the audit record under
 * its name; then the presenter answers. Refusals roll the transaction back and the HTTP error
 * handler records them under the same name (the route's `config.command` gives it), so success and
 * refusal are one action in the log. The route's access rule comes from the command's ability, so
 * the route and the service cannot disagree.
 */
export interface Command<Input, Row, Result, Output> {
  readonly name: AuditAction;
  readonly ability: Ability<Row>;
  /**
   * Locks taken first, before anything is read (e.g. the organization tree's). Gets the actor too,
   * for setup the database's own checks need before them (users: telling the triggers who acts).
   */
  readonly lock?: (trx: Kysely<DB>, input: Input, actor: Actor) => Promise<void>;
  /** The ids of the records the ability is checked on; none for an action on no record. */
  readonly targets: (input: Input) => readonly number[];
  /**
   * When the targets come from a request field (the parent of a new organization), refusals are
   * that field's: 400 naming it rather than 404 (see authorizeField).
   */
  readonly targetField?: string;
  /** The audit record's target type when it is not the ability's resource (a member created in an organization). */
  readonly targetType?: AuditTargetType;
  readonly run: (context: {
    trx: Kysely<DB>;
    actor: Actor;
    /** The authorized records, in the order of `targets`. */
    rows: Row[];
    input: Input;
  }) => Promise<{ result: Result; targetId?: number | string | null; detail?: AuditDetail }>;
  /** Builds the answer after the commit (reads with the actor's scope, like any read). */
  readonly present: (db: Kysely<DB>, actor: Actor, result: Result) => Promise<Output>;
}

export function defineCommand<Input, Row, Result, Output>(
  command: Command<Input, Row, Result, Output>,
): Command<Input, Row, Result, Output> {
  return command;
}

/** Runs a command for an actor: the one way a module writes. */
export async function execute<Input, Row, Result, Output>(
  db: Kysely<DB>,
  actor: Actor,
  command: Command<Input, Row, Result, Output>,
  input: Input,
): Promise<Output> {
  const result = await db.transaction().execute((trx) => runCommand(trx, actor, command, input));
  return command.present(db, actor, result);
}

/**
 * A command's work inside a transaction the caller holds (locks, authorization, the change, the
 * audit record), without the answer: an import writes many typed records in one transaction, each
 * exactly as its own command writes and audits it, all of them or none.
 */
export async function runCommand<Input, Row, Result, Output>(
  trx: Kysely<DB>,
  actor: Actor,
  command: Command<Input, Row, Result, Output>,
  input: Input,
): Promise<Result> {
  await command.lock?.(trx, input, actor);
  const ids = command.targets(input);
  let rows: Row[] = [];
  if (ids.length > 0 && command.targetField) {
    rows = await authorizeField(trx, actor, command.ability, ids, command.targetField);
  } else if (ids.length > 0) rows = await authorize(trx, actor, command.ability, ids);
  else scopeOf(actor, command.ability);
  const done = await command.run({ trx, actor, rows, input });
  await recordAudit(trx, actor, {
    action: command.name,
    result: "success",
    ...((command.targetType ?? command.ability.resource.name) && {
      targetType: command.targetType ?? command.ability.resource.name ?? undefined,
    }),
    ...(done.targetId !== undefined && done.targetId !== null && { targetId: done.targetId }),
    ...(done.detail && { detail: done.detail }),
  });
  return done.result;
}
