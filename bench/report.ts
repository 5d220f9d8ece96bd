/** The one output of every benchmark: prints one figure as a JSON line (`unit` default `ms`). */
export type Report = (bench: string, value: number, unit?: string) => void;
