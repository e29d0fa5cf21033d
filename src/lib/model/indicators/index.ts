export * from './periods';
export * from './goals';
export * from './xmr';
export * from './effect';
export * from './vocabulary';
export * from './series';
export * from './csv';
export * from './view';
