ALTER TABLE "documents" ADD COLUMN "head_seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Existing logs continue where they are: the highest seq stored, in the log or folded into the snapshot.
UPDATE "documents" SET "head_seq" = greatest(
	coalesce((SELECT max("seq") FROM "doc_updates" WHERE "doc_updates"."document_id" = "documents"."id"), 0),
	coalesce((SELECT "through_seq" FROM "doc_snapshots" WHERE "doc_snapshots"."document_id" = "documents"."id"), 0)
);
