import { z } from "zod";

export const PageQuery = z.object({ page: z.coerce.number({ message: "页码须为正整数" }).int("页码须为正整数").min(1, "页码须为正整数").max(100_000, "页码过大").default(1) });
