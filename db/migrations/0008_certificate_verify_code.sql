-- Every certificate gets a random verification code (printed on it, carried by its QR code); a
-- public check needs the number AND the code. Certificates issued before this get one here: 12
-- characters from a random UUID, with 0/1 mapped to W/Z so the code uses the printed alphabet
-- (lib/certificates/verify.ts: no 0/O/1/I/L).
ALTER TABLE "certificates" ADD COLUMN "verify_code" text;--> statement-breakpoint
UPDATE "certificates" SET "verify_code" = translate(upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 12)), '01', 'WZ');--> statement-breakpoint
ALTER TABLE "certificates" ALTER COLUMN "verify_code" SET NOT NULL;
