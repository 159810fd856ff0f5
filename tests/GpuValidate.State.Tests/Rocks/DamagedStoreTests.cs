using GpuValidate.Ethereum.Primitives;
using GpuValidate.State.Rocks;
using RocksDbSharp;
using Xunit.Abstractions;

namespace GpuValidate.State.Tests.Rocks;

/// <summary>A store whose files were damaged after closing is refused, and the refusal modifies no file.</summary>
public sealed class DamagedStoreTests(ITestOutputHelper output)
{
    private static readonly StateWorkload Workload = new(seed: 21, addressCount: 1500, changesPerBlock: 200);

    public static TheoryData<string> FileKinds => ["sst", "MANIFEST", "CURRENT", "GPUVALIDATE-HEAD"];

    [Theory]
    [MemberData(nameof(FileKinds))]
    public void Flipped_bytes_are_refused_without_modifying_files(string kind)
    {
        var random = TestRandom.Create(output);
        for (var trial = 0; trial < 12 * TestRandom.Scale; trial++)
        {
            using var temp = new TempDirectory();
            Build(temp.Path);
            var file = PickFile(temp.Path, kind, random);
            var bytes = File.ReadAllBytes(file);
            var position = random.Next(bytes.Length);
            bytes[position] ^= (byte)(1 << random.Next(8));
            File.WriteAllBytes(file, bytes);
            output.WriteLine($"{Path.GetFileName(file)}: flipped a bit at {position} of {bytes.Length}");

            AssertRefusedUnchanged(temp.Path, StateStoreOpenError.Damaged, StateStoreOpenError.NotAStore);
        }
    }

    [Theory]
    [MemberData(nameof(FileKinds))]
    public void Truncated_files_are_refused_without_modifying_files(string kind)
    {
        var random = TestRandom.Create(output);
        for (var trial = 0; trial < 4 * TestRandom.Scale; trial++)
        {
            using var temp = new TempDirectory();
            Build(temp.Path);
            var file = PickFile(temp.Path, kind, random);
            var length = new FileInfo(file).Length;
            var keep = random.NextInt64(length);
            using (var stream = new FileStream(file, FileMode.Open))
            {
                stream.SetLength(keep);
            }

            output.WriteLine($"{Path.GetFileName(file)}: truncated to {keep} of {length}");
            AssertRefusedUnchanged(temp.Path, StateStoreOpenError.Damaged, StateStoreOpenError.NotAStore);
        }
    }

    [Fact]
    public void Every_single_bit_flip_in_the_manifest_is_found_before_rocksdb_reads_it()
    {
        // Some damaged MANIFESTs send RocksDB's own reader into an endless loop, so the store's check must find
        // every flip itself; RocksDB's successful open of the undamaged file is the reference for the clean case.
        using var temp = new TempDirectory();
        Build(temp.Path);
        var file = PickFile(temp.Path, "MANIFEST", new Random(1));
        var bytes = File.ReadAllBytes(file);
        Assert.Null(ManifestCheck.Problem(bytes, "MANIFEST"));

        // Truncation at a record boundary leaves valid records: the store's head file catches that (see the
        // truncation tests); every flipped bit, though, must show here.

        for (var bit = 0; bit < bytes.Length * 8; bit++)
        {
            var damaged = (byte[])bytes.Clone();
            damaged[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.True(ManifestCheck.Problem(damaged, "MANIFEST") is not null, $"flip of bit {bit} went unnoticed");
        }

    }

    [Fact]
    public void A_deleted_table_file_is_refused()
    {
        using var temp = new TempDirectory();
        Build(temp.Path);
        File.Delete(Directory.GetFiles(temp.Path, "*.sst")[0]);

        AssertRefusedUnchanged(temp.Path, StateStoreOpenError.Damaged);
    }

    [Fact]
    public void An_account_changed_behind_the_stores_back_fails_the_root_check()
    {
        using var temp = new TempDirectory();
        Build(temp.Path);
        using (var db = RocksDb.Open(new DbOptions(), temp.Path))
        {
            using var iterator = db.NewIterator();
            iterator.Seek([0x01]);
            var key = iterator.Key();
            var value = iterator.Value();
            value[7] ^= 1;
            db.Put(key, value);
        }

        var refused = AssertRefusedUnchanged(temp.Path, StateStoreOpenError.Damaged);
        Assert.Contains("root", refused.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x00, (byte)'r' })]
    [InlineData(new byte[] { 0x00, (byte)'n' })]
    [InlineData(new byte[] { 0x00, (byte)'g' })]
    [InlineData(new byte[] { 0x00, (byte)'f' })]
    public void Missing_metadata_is_refused(byte[] key)
    {
        using var temp = new TempDirectory();
        Build(temp.Path);
        using (var db = RocksDb.Open(new DbOptions(), temp.Path))
        {
            db.Remove(key);
        }

        var refused = AssertRefusedUnchanged(temp.Path, StateStoreOpenError.Damaged);
        Assert.Contains("missing", refused.Message);
    }

    private static void Build(string path)
    {
        using var store = RocksDbStateStore.Open(path, Workload.Genesis(500));
        for (var block = 0; block < 5; block++)
        {
            store.Commit(block, Workload.Block(block));
        }
    }

    private static string PickFile(string path, string kind, Random random)
    {
        var files = kind == "sst" ? Directory.GetFiles(path, "*.sst") : Directory.GetFiles(path, kind + "*");
        Assert.NotEmpty(files);
        Array.Sort(files, StringComparer.Ordinal);
        return files[random.Next(files.Length)];
    }

    private static StateStoreOpenException AssertRefusedUnchanged(string path, params StateStoreOpenError[] allowed)
    {
        var before = TempDirectory.FileHashes(path);

        var refused = Assert.Throws<StateStoreOpenException>(() => RocksDbStateStore.Open(path, Workload.Genesis(500)));

        Assert.Contains(refused.Error, allowed);
        Assert.Equal(before, TempDirectory.FileHashes(path));
        return refused;
    }
}
