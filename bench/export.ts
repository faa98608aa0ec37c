// Benchmark section 'export': filled in by the issue that owns it.
export async function run(): Promise<void> {
  console.log('(not measured yet)');
}
