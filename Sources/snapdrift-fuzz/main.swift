import Foundation
import SnapdriftFuzzing

// Built by scripts/fuzz (`-D SNAPDRIFT_FUZZ`, coverage and AddressSanitizer, linked with
// libFuzzer's no-main runtime), this hands the target chosen by SNAPDRIFT_FUZZ_TARGET to
// libFuzzer's driver. Built normally, it replays inputs: `snapdrift-fuzz TARGET FILE…`.

#if SNAPDRIFT_FUZZ
typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: FuzzCallback
) -> Int32

nonisolated(unsafe) let fuzzTarget = ProcessInfo.processInfo.environment["SNAPDRIFT_FUZZ_TARGET"] ?? ""
guard FuzzTargets.names.contains(fuzzTarget) else {
    FileHandle.standardError.write(Data("set SNAPDRIFT_FUZZ_TARGET to one of \(FuzzTargets.names.joined(separator: ", "))\n".utf8))
    exit(64)
}
for input in FuzzTargets.warmUpInputs[fuzzTarget] ?? [] {
    FuzzTargets.run(fuzzTarget, Array(input.utf8))
}
var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzTargets.run(fuzzTarget, bytes)
    return 0
})
#else
let arguments = CommandLine.arguments.dropFirst()
guard let name = arguments.first, FuzzTargets.names.contains(name), arguments.count > 1 else {
    FileHandle.standardError.write(Data("usage: snapdrift-fuzz \(FuzzTargets.names.joined(separator: "|")) FILE...\n".utf8))
    exit(64)
}
for path in arguments.dropFirst() {
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
        exit(2)
    }
    print("\(FuzzTargets.run(name, [UInt8](data))) \(path)")
}
#endif
