import Foundation
import PackagePlugin

/// Writes `BuildInfo.swift` (the commit the binary is built from) before every build of the target that uses it, so
/// that `trailview --version` names its commit. Outside a git checkout the commit is `unknown`; a build with changes
/// not yet committed says `-dirty` after it. The file is rewritten only when that changes, so nothing is recompiled
/// otherwise.
@main struct BuildInfo: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let folder = context.pluginWorkDirectoryURL.appendingPathComponent("generated")
    let file = folder.appendingPathComponent("BuildInfo.swift").path
    let package = context.package.directoryURL.path
    let script = """
      mkdir -p '\(folder.path)'
      commit=$(git -C '\(package)' rev-parse --short=12 HEAD 2>/dev/null) || commit=unknown
      if [ "$commit" != unknown ] && [ -n "$(git -C '\(package)' status --porcelain --untracked-files=no 2>/dev/null)" ]
      then commit="$commit-dirty"; fi
      new="enum BuildInfo { static let commit = \\"$commit\\" }"
      [ "$(cat '\(file)' 2>/dev/null)" = "$new" ] || printf '%s\\n' "$new" > '\(file)'
      """
    return [
      .prebuildCommand(
        displayName: "Recording the commit for --version", executable: URL(fileURLWithPath: "/bin/sh"),
        arguments: ["-c", script], outputFilesDirectory: folder)
    ]
  }
}
