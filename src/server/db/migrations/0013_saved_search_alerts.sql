CREATE TABLE "alert_matches" (
	"subscription_id" uuid NOT NULL,
	"unit_id" text NOT NULL,
	"available_from" date NOT NULL,
	"list_rent_per_sqm_day" numeric(10, 2) NOT NULL,
	"alerted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "alert_matches_subscription_id_unit_id_pk" PRIMARY KEY("subscription_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "alert_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"lang" text NOT NULL,
	"query" text NOT NULL,
	"horizon_days" integer DEFAULT 90 NOT NULL,
	"consent_at" timestamp with time zone NOT NULL,
	"consent_version" text NOT NULL,
	"confirmed_at" timestamp with time zone,
	"unsubscribed_at" timestamp with time zone,
	"bounced_at" timestamp with time zone,
	"last_alerted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_subscriptions_lang" CHECK ("alert_subscriptions"."lang" in ('zh', 'en')),
	CONSTRAINT "alert_subscriptions_horizon" CHECK ("alert_subscriptions"."horizon_days" between 0 and 366)
);
--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD COLUMN "subscription_id" uuid;--> statement-breakpoint
ALTER TABLE "alert_matches" ADD CONSTRAINT "alert_matches_subscription_id_alert_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."alert_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alert_subscriptions_one_per_search" ON "alert_subscriptions" USING btree ("email","query") WHERE "alert_subscriptions"."unsubscribed_at" is null;--> statement-breakpoint
CREATE INDEX "alert_subscriptions_email_idx" ON "alert_subscriptions" USING btree ("email");--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD CONSTRAINT "notification_outbox_subscription_id_alert_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."alert_subscriptions"("id") ON DELETE cascade ON UPDATE no action;