export * from './actor.ts';
export * from './audit-action.ts';
export * from './list-audit.ts';
export * from './record-audit.ts';
