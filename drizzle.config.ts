import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the schema with `npm run db:generate` and
// applied by the app itself at start-up (src/lib/server/db/index.ts).
export default defineConfig({
	schema: './src/lib/server/db/schema.ts',
	out: './drizzle',
	dialect: 'postgresql'
});
