namespace GpuValidate.Cli;

/// <summary>Input the user gave cannot be used: a missing file, a malformed line that stops the run.</summary>
internal sealed class CliInputException(string message) : Exception(message);
