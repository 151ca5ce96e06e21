/** Who did a write: a signed-in user, or the system (seeding, the CLI) with userId null. */
export interface Actor {
  userId: number | null;
  label: string;
  ip?: string;
}

export const systemActor = (label: string): Actor => ({ userId: null, label });

/** The actor's fields of an audit record. */
export const actorFields = (actor: Actor) => ({
  actorUserId: actor.userId,
  actorLabel: actor.label,
  ip: actor.ip ?? null,
});
