// Moved to model/plain.ts (shared by the scheduler, the create path and the workspace model).
export * from '../model/plain';
