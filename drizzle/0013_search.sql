CREATE TABLE "search_passages" (
	"document_id" text NOT NULL,
	"key" text NOT NULL,
	"text" text NOT NULL,
	"vector" "tsvector" NOT NULL,
	CONSTRAINT "search_passages_document_id_key_pk" PRIMARY KEY("document_id","key")
);
--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "indexed_seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "search_passages" ADD CONSTRAINT "search_passages_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "search_passages_vector_idx" ON "search_passages" USING gin ("vector");--> statement-breakpoint
-- hand-written below
-- Search: one text-search vector for every engine. PGlite ships no pg_trgm
-- by default (only plpgsql is available), and a trigram or the default parser
-- would treat a run of Chinese characters as one word. So the vector holds
-- English stems ('english' configuration) plus every pair of adjacent CJK
-- characters (and each run's last character alone, for one-character
-- queries), which a query matches as a phrase of its own pairs: 回访 finds
-- 客户回访流程. Changing these functions means rebuilding the indexes below.
-- Calls inside are schema-qualified: PostgreSQL 17 (and PGlite) build and
-- maintain indexes with search_path set to pg_catalog only.
CREATE FUNCTION opsloom_cjk_terms(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT coalesce(string_agg(CASE WHEN i = char_length(x.r) THEN substr(x.r, i, 1) ELSE substr(x.r, i, 2) END, ' ' ORDER BY m.n, i), '')
	FROM regexp_matches(t, '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+', 'g') WITH ORDINALITY AS m(a, n)
	CROSS JOIN LATERAL (SELECT m.a[1] AS r) x
	CROSS JOIN LATERAL generate_series(1, char_length(x.r)) AS i
$$;--> statement-breakpoint
CREATE FUNCTION opsloom_search_vector(title text, body text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT setweight(to_tsvector('english'::regconfig, coalesce(title, '')) || to_tsvector('simple'::regconfig, public.opsloom_cjk_terms(coalesce(title, ''))), 'A')
		|| to_tsvector('english'::regconfig, coalesce(body, '')) || to_tsvector('simple'::regconfig, public.opsloom_cjk_terms(coalesce(body, '')))
$$;--> statement-breakpoint
CREATE INDEX "documents_search_idx" ON "documents" USING gin (opsloom_search_vector("title", ''));--> statement-breakpoint
CREATE INDEX "tasks_search_idx" ON "tasks" USING gin (opsloom_search_vector("title", ''));--> statement-breakpoint
CREATE INDEX "suggestions_search_idx" ON "suggestions" USING gin (opsloom_search_vector("title", "situation" || ' ' || "proposal" || ' ' || "benefit"));
