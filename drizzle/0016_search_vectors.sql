ALTER TABLE "search_passages" ADD COLUMN "workspace_id" text;--> statement-breakpoint
UPDATE "search_passages" p SET "workspace_id" = d."workspace_id" FROM "documents" d WHERE d."id" = p."document_id";--> statement-breakpoint
ALTER TABLE "search_passages" ALTER COLUMN "workspace_id" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "search_passages_workspace_idx" ON "search_passages" USING btree ("workspace_id");--> statement-breakpoint
-- hand-written below
-- Titles, tasks and suggestions keep their vector in a stored generated
-- column instead of an expression index. With the expression index, every
-- candidate row ran opsloom_search_vector again: in the recheck of a phrase
-- (every CJK query of two pairs or more), in ts_rank for every match, and in
-- the filter when the planner went by the workspace index instead (it costs
-- the function as one cheap operator; measured at 10,000 documents: 5 ms a
-- suggestion on PGlite). A stored vector is read, not computed. The columns
-- stay out of the drizzle schema so that no select carries them. Changing
-- opsloom_search_vector now means recomputing these columns too (drop and add
-- them again), not only rebuilding the indexes.
DROP INDEX "documents_search_idx";--> statement-breakpoint
DROP INDEX "tasks_search_idx";--> statement-breakpoint
DROP INDEX "suggestions_search_idx";--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (public.opsloom_search_vector("title", '')) STORED;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (public.opsloom_search_vector("title", '')) STORED;--> statement-breakpoint
ALTER TABLE "suggestions" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (public.opsloom_search_vector("title", "situation" || ' ' || "proposal" || ' ' || "benefit")) STORED;--> statement-breakpoint
CREATE INDEX "documents_search_idx" ON "documents" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "tasks_search_idx" ON "tasks" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "suggestions_search_idx" ON "suggestions" USING gin ("search_vector");
