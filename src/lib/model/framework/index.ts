export * from './shape';
export * from './task-items';
