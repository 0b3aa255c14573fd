using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpaasMonitor.Data.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class PayloadCompression : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // SQL Server has no implicit nvarchar → varbinary conversion, so ALTER COLUMN fails: each column is
            // rebuilt. Existing rows keep their text as UTF-16LE behind the marker byte 0x02 (PayloadCodec reads it);
            // new rows are written by the application as raw UTF-8 (0x00) or Brotli (0x01).
            foreach (var (column, nullable) in new[] { ("Content", false), ("RemoteResponse", true) })
            {
                migrationBuilder.AddColumn<byte[]>(name: column + "Data", table: "MessagePayloads", type: "varbinary(max)", nullable: true);
                migrationBuilder.Sql(
                    $"UPDATE [MessagePayloads] SET [{column}Data] = 0x02 + CAST([{column}] AS varbinary(max)) WHERE [{column}] IS NOT NULL;");
                migrationBuilder.DropColumn(name: column, table: "MessagePayloads");
                migrationBuilder.RenameColumn(name: column + "Data", table: "MessagePayloads", newName: column);
                if (!nullable)
                {
                    migrationBuilder.AlterColumn<byte[]>(
                        name: column, table: "MessagePayloads", type: "varbinary(max)", nullable: false,
                        oldClrType: typeof(byte[]), oldType: "varbinary(max)", oldNullable: true);
                }
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Compressed payloads cannot be turned back into text in T-SQL: going down drops the payload bodies.
            foreach (var (column, nullable) in new[] { ("Content", false), ("RemoteResponse", true) })
            {
                migrationBuilder.DropColumn(name: column, table: "MessagePayloads");
                migrationBuilder.AddColumn<string>(
                    name: column, table: "MessagePayloads", type: "nvarchar(max)", nullable: nullable, defaultValue: nullable ? null : "");
            }
        }
    }
}
