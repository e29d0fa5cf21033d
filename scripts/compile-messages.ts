import { compile } from '@inlang/paraglide-js';
import { paraglideOptions } from './paraglide-options';

/** `npm run check` type-checks code that imports the generated messages; compile them first. */
await compile(paraglideOptions);
