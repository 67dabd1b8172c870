# Bootstrap of the build on Windows/PowerShell: the same steps as build.sh.
# Find (or install) the .NET SDK that global.json pins, compile build/_build.csproj into .nuke/temp/build when its
# sources changed, run it with every argument passed through; the build's exit code is this script's.
$ErrorActionPreference = 'Stop'
$Root = $PSScriptRoot
$Temp = Join-Path $Root '.nuke/temp'
$BuildOutput = Join-Path $Temp 'build'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'; $env:DOTNET_NOLOGO = '1'; $env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

$required = [version]((Get-Content (Join-Path $Root 'global.json') -Raw | ConvertFrom-Json).sdk.version)

# rollForward latestFeature: any SDK of the same major.minor that is at least the pinned version.
function Test-Sdk([string]$candidate) {
    $v = $null
    if (-not [version]::TryParse(($candidate -split '-')[0], [ref]$v)) { return $false }
    return $v.Major -eq $required.Major -and $v.Minor -eq $required.Minor -and $v -ge $required
}

$dotnet = $null
if (Get-Command dotnet -ErrorAction SilentlyContinue) {
    foreach ($line in (& dotnet --list-sdks 2>$null)) {
        if (Test-Sdk ($line -split ' ')[0]) { $dotnet = (Get-Command dotnet).Source; break }
    }
}
if (-not $dotnet) {
    $dotnetDir = Join-Path $Temp 'dotnet'
    $dotnet = Join-Path $dotnetDir ($(if ($IsWindows -or $env:OS -eq 'Windows_NT') { 'dotnet.exe' } else { 'dotnet' }))
    if (-not (Test-Path $dotnet)) {
        Write-Host "No .NET SDK satisfying global.json ($required, latestFeature) on PATH: installing one into $dotnetDir"
        New-Item -ItemType Directory -Force $dotnetDir | Out-Null
        $installer = Join-Path $Temp 'dotnet-install.ps1'
        Invoke-WebRequest 'https://dot.net/v1/dotnet-install.ps1' -OutFile $installer
        & $installer -JsonFile (Join-Path $Root 'global.json') -InstallDir $dotnetDir -NoPath
    }
    $env:DOTNET_ROOT = $dotnetDir
    $env:PATH = "$dotnetDir$([IO.Path]::PathSeparator)$env:PATH"
}

# Recompile only when something the build is made of changed (or HEAD moved: the version comes from git).
Push-Location $Root
try {
    $head = (& git rev-parse HEAD 2>$null)
    $files = @('global.json', 'Directory.Build.props', 'Directory.Packages.props') +
        (Get-ChildItem -Recurse -File -Path 'build', 'src/Todo.Contracts' -Include '*.cs', '*.csproj', '*.props', '*.json' |
            Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' } | ForEach-Object { Resolve-Path -Relative $_.FullName }) | Sort-Object
    $hashes = $files | ForEach-Object { "$((Get-FileHash $_ -Algorithm SHA256).Hash) $_" }
    $bytes = [Text.Encoding]::UTF8.GetBytes((@($head) + $hashes) -join "`n")
    $stamp = [BitConverter]::ToString([Security.Cryptography.SHA256]::Create().ComputeHash($bytes)) -replace '-', ''
    $stampFile = Join-Path $BuildOutput '.stamp'
    if (-not (Test-Path (Join-Path $BuildOutput '_build.dll')) -or -not (Test-Path $stampFile) -or (Get-Content $stampFile -Raw) -ne $stamp) {
        Remove-Item -Force $stampFile -ErrorAction SilentlyContinue
        Write-Host 'Compiling the build (build/_build.csproj changed or never built); the plan follows.'
        $log = & $dotnet build (Join-Path $Root 'build/_build.csproj') -o $BuildOutput -nologo -v quiet -clp:NoSummary 2>&1
        if ($LASTEXITCODE -ne 0) {
            $log | Write-Host
            Write-Error 'The build project (build/_build.csproj) does not compile; see the errors above.'
            exit 1
        }
        Set-Content -NoNewline -Path $stampFile -Value $stamp
    }

    & $dotnet (Join-Path $BuildOutput '_build.dll') @args
    exit $LASTEXITCODE
}
finally {
    Pop-Location
}
