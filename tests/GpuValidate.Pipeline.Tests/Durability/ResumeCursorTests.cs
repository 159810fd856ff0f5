using GpuValidate.Pipeline.Durability;

namespace GpuValidate.Pipeline.Tests.Durability;

public sealed class ResumeCursorTests
{
    [Fact]
    public void Fresh_store_applies_every_block()
    {
        var cursor = new ResumeCursor(-1);

        Assert.All(Enumerable.Range(0, 5), n => Assert.Equal(ResumeDecision.Apply, Next(cursor, n)));
        Assert.True(cursor.TryFinish(out _));
        Assert.Equal(0, cursor.Skipped);
    }

    [Fact]
    public void Resumed_store_skips_committed_blocks_then_applies_the_rest()
    {
        var cursor = new ResumeCursor(3);

        var decisions = Enumerable.Range(0, 7).Select(n => Next(cursor, n)).ToList();

        Assert.Equal([.. Enumerable.Repeat(ResumeDecision.Skip, 4), .. Enumerable.Repeat(ResumeDecision.Apply, 3)], decisions);
        Assert.Equal(4, cursor.Skipped);
        Assert.True(cursor.TryFinish(out _));
    }

    [Fact]
    public void File_starting_after_the_head_with_a_gap_is_refused()
    {
        var cursor = new ResumeCursor(3);

        Assert.False(cursor.TryNext(6, out _, out var error));
        Assert.Contains("4..5", error);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(1_000_000)]
    public void Genesis_only_store_refuses_a_file_that_does_not_start_at_block_0_or_1(long first)
    {
        var cursor = new ResumeCursor(-1);

        Assert.False(cursor.TryNext(first, out _, out var error));
        Assert.Contains($"1..{first - 1}", error);
        Assert.Contains("only the genesis", error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Genesis_only_store_applies_a_file_starting_at_block_0_or_1(long first)
    {
        var cursor = new ResumeCursor(-1);

        Assert.Equal(ResumeDecision.Apply, Next(cursor, first));
        Assert.Equal(ResumeDecision.Apply, Next(cursor, first + 1));
        Assert.True(cursor.TryFinish(out _));
    }

    [Fact]
    public void File_starting_right_after_the_head_is_applied()
    {
        var cursor = new ResumeCursor(3);

        Assert.Equal(ResumeDecision.Apply, Next(cursor, 4));
        Assert.True(cursor.TryFinish(out _));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(1)]
    [InlineData(0)]
    public void Non_consecutive_numbers_are_refused(long second)
    {
        var cursor = new ResumeCursor(-1);
        Next(cursor, 1);

        Assert.False(cursor.TryNext(second, out _, out var error));
        Assert.Contains("consecutive", error);
    }

    [Fact]
    public void File_ending_before_the_store_head_is_refused_at_the_end()
    {
        var cursor = new ResumeCursor(9);
        for (var n = 0; n < 5; n++)
        {
            Next(cursor, n);
        }

        Assert.False(cursor.TryFinish(out var error));
        Assert.Contains("block 9", error);
        Assert.Contains("ends at block 4", error);
    }

    [Fact]
    public void Empty_file_against_a_resumed_store_is_refused()
    {
        Assert.False(new ResumeCursor(0).TryFinish(out var error));
        Assert.Contains("holds no blocks", error);
    }

    private static ResumeDecision Next(ResumeCursor cursor, long number)
    {
        Assert.True(cursor.TryNext(number, out var decision, out var error), error);
        return decision;
    }
}
