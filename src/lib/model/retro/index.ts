export * from './actions';
export * from './phases';
export * from './shape';
export * from './summary';
export * from './templates';
export * from './votes';
