export * from './actions';
export * from './board';
export * from './phases';
export * from './shape';
export * from './summary';
export * from './templates';
export * from './topics';
export * from './votes';
