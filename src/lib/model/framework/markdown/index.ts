export { markdownToFramework } from './from-markdown';
export type { ContentMark, ContentNode } from './json';
export { frameworkToMarkdown } from './to-markdown';
export { appendJson, fragmentToJson } from './yjs';
