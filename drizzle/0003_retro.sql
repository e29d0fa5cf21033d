CREATE TABLE "retro_drafts" (
	"id" text PRIMARY KEY NOT NULL,
	"document_id" text NOT NULL,
	"author_id" text NOT NULL,
	"column_id" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "retro_votes" (
	"document_id" text NOT NULL,
	"user_id" text NOT NULL,
	"topic_id" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "retro_votes_document_id_user_id_topic_id_pk" PRIMARY KEY("document_id","user_id","topic_id")
);
--> statement-breakpoint
ALTER TABLE "retro_drafts" ADD CONSTRAINT "retro_drafts_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retro_drafts" ADD CONSTRAINT "retro_drafts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retro_votes" ADD CONSTRAINT "retro_votes_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retro_votes" ADD CONSTRAINT "retro_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "retro_drafts_document_idx" ON "retro_drafts" USING btree ("document_id","author_id");