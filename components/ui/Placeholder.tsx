import { getTranslations } from "next-intl/server";

/** An area that a later release delivers: says so plainly and shows no data. */
export async function Placeholder({ area }: { area: string }) {
  const t = await getTranslations();
  const name = t(`nav.${area}`);
  return (
    <section className="rounded-lg border border-dashed border-gray-300 bg-white p-8 text-center" data-testid="placeholder">
      <h1 className="text-xl font-semibold text-gray-900">{t("common.placeholderTitle", { area: name })}</h1>
      <p className="mt-2 text-gray-600">{t("common.placeholderBody")}</p>
    </section>
  );
}
